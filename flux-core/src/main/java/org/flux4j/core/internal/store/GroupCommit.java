package org.flux4j.core.internal.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.flux4j.core.JobEvent;
import org.flux4j.core.JobRequest;
import org.flux4j.core.JobStoreException;

/**
 * The store's writer: records queued from any thread are written by one thread, as many per
 * transaction as have queued up while the previous transaction committed (group commit), so that
 * the cost of a commit is shared by every submitter waiting on it.
 *
 * <p>Implementation notes: each record gets a ticket, increasing in queue order; {@code durable} is
 * the ticket of the last record committed, so a record is durable once {@code durable >= ticket}.
 * Callbacks wait in ticket order and run on the writer thread after their commit. A failed write
 * fails the store for good: every waiter then gets a {@link JobStoreException}.
 */
final class GroupCommit {
  record JobRow(long id, long submitTime, JobRequest request) {}

  record EventRow(long id, int seq, JobEvent event) {}

  record Inactive(long id) {}

  private record Callback(long ticket, Runnable action) {}

  private final Path file;
  private final Connection conn;
  private final PreparedStatement insertJob;
  private final PreparedStatement insertActive;
  private final PreparedStatement insertEvent;
  private final PreparedStatement deleteActive;
  private final Thread thread;

  private final Object queueLock = new Object();
  private List<Object> queue = new ArrayList<>(); // guarded by queueLock
  private final ArrayDeque<Callback> callbacks = new ArrayDeque<>(); // guarded by queueLock
  private long enqueued; // guarded by queueLock
  private boolean closing; // guarded by queueLock

  private final Object durableLock = new Object();
  private volatile long durable;
  private volatile RuntimeException failure;

  // writer thread only
  private JobRequest lastRequest;
  private String lastRequestJson;

  GroupCommit(Path file, Connection conn) throws SQLException {
    this.file = file;
    this.conn = conn;
    insertJob = conn.prepareStatement("INSERT INTO job VALUES (?, ?, ?)");
    insertActive = conn.prepareStatement("INSERT INTO active VALUES (?)");
    insertEvent = conn.prepareStatement("INSERT INTO event VALUES (?, ?, ?)");
    deleteActive = conn.prepareStatement("DELETE FROM active WHERE id = ?");
    thread = new Thread(this::run, "flux4j-store-" + file.getFileName());
    thread.setDaemon(true);
    thread.start();
  }

  long enqueue(Object record) {
    synchronized (queueLock) {
      if (closing) {
        throw new JobStoreException("job store " + file + " is closed");
      }
      RuntimeException f = failure;
      if (f != null) {
        throw new JobStoreException("job store " + file + " failed: " + f.getMessage(), f);
      }
      queue.add(record);
      if (queue.size() == 1) {
        queueLock.notifyAll();
      }
      return ++enqueued;
    }
  }

  long lastTicket() {
    synchronized (queueLock) {
      return enqueued;
    }
  }

  void await(long ticket) {
    if (durable >= ticket) {
      return;
    }
    boolean interrupted = false;
    synchronized (durableLock) {
      while (durable < ticket && failure == null) {
        try {
          durableLock.wait();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    RuntimeException f = failure;
    if (durable < ticket && f != null) {
      throw new JobStoreException("job store " + file + " failed: " + f.getMessage(), f);
    }
  }

  void whenDurable(long ticket, Runnable action) {
    synchronized (queueLock) {
      if (durable < ticket) {
        callbacks.addLast(new Callback(ticket, action));
        return;
      }
    }
    action.run();
  }

  private void run() {
    while (true) {
      List<Object> batch;
      long last;
      synchronized (queueLock) {
        while (queue.isEmpty() && !closing) {
          try {
            queueLock.wait();
          } catch (InterruptedException e) {
            // only close() ends the writer
          }
        }
        if (queue.isEmpty()) {
          return;
        }
        batch = queue;
        queue = new ArrayList<>(Math.max(16, batch.size()));
        last = enqueued;
      }
      try {
        write(batch);
      } catch (SQLException | RuntimeException e) {
        failure =
            e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
        synchronized (durableLock) {
          durableLock.notifyAll();
        }
        return;
      }
      durable = last;
      synchronized (durableLock) {
        durableLock.notifyAll();
      }
      runCallbacks(last);
    }
  }

  private void runCallbacks(long upTo) {
    while (true) {
      Callback c;
      synchronized (queueLock) {
        c = callbacks.peekFirst();
        if (c == null || c.ticket() > upTo) {
          return;
        }
        callbacks.pollFirst();
      }
      c.action().run();
    }
  }

  private void write(List<Object> batch) throws SQLException {
    StringBuilder lines = new StringBuilder(512);
    for (int i = 0; i < batch.size(); i++) {
      Object o = batch.get(i);
      if (o instanceof EventRow e) {
        // consecutive entries of one job share a row: one line each (RFC 18 lines hold no newline)
        lines.setLength(0);
        lines.append(e.event().toJson());
        int seq = e.seq();
        while (i + 1 < batch.size()
            && batch.get(i + 1) instanceof EventRow n
            && n.id() == e.id()
            && n.seq() == ++seq) {
          lines.append('\n').append(n.event().toJson());
          i++;
        }
        insertEvent.setLong(1, e.id());
        insertEvent.setInt(2, e.seq());
        insertEvent.setString(3, lines.toString());
        insertEvent.executeUpdate();
      } else if (o instanceof JobRow j) {
        insertJob.setLong(1, j.id());
        insertJob.setLong(2, j.submitTime());
        insertJob.setString(3, requestJson(j.request()));
        insertJob.executeUpdate();
        insertActive.setLong(1, j.id());
        insertActive.executeUpdate();
      } else {
        deleteActive.setLong(1, ((Inactive) o).id());
        deleteActive.executeUpdate();
      }
    }
    conn.commit();
  }

  private String requestJson(JobRequest r) {
    if (r != lastRequest) {
      lastRequestJson = RequestCodec.write(r);
      lastRequest = r;
    }
    return lastRequestJson;
  }

  /** Writes what is queued, then ends the writer thread and closes the connection. */
  void close() {
    synchronized (queueLock) {
      if (closing) {
        return;
      }
      closing = true;
      queueLock.notifyAll();
    }
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    try {
      conn.close();
    } catch (SQLException e) {
      // the data was committed; a failing close loses nothing
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
