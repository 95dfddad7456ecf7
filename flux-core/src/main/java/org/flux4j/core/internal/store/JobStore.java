package org.flux4j.core.internal.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flux4j.core.JobEvent;
import org.flux4j.core.JobId;
import org.flux4j.core.JobRequest;
import org.flux4j.core.JobStoreException;
import org.sqlite.SQLiteConfig;

/**
 * The durable job store of one instance: an SQLite database holding each job's request and its RFC
 * 18 eventlog, appended by a {@link GroupCommit} writer thread and read back on restart.
 *
 * <p>Schema (format {@link #FORMAT}; {@code user_version} is the format, {@code application_id}
 * marks a flux4j store): {@code meta(key, value)} holds the resource graph's fingerprint and the
 * FLUID epoch; {@code job(id, submit_time, request)} one row per submitted job (the request as
 * {@link RequestCodec} JSON); {@code event(id, seq, entry)} its eventlog, RFC 18 lines, one row for
 * each run of entries written together (seq is the index of the first); {@code active(id)} the jobs
 * not yet INACTIVE, so that recovery reads only those. The database runs in WAL mode with {@code
 * synchronous=NORMAL}, as Flux's content-sqlite does by default: a committed write survives the
 * process being killed (not necessarily a power loss).
 *
 * <p>An existing file is checked before use: its header ({@link StoreHeader}), then, opened
 * read-only, SQLite's {@code quick_check} and the graph fingerprint. A refused file is not written.
 *
 * <p>Threading: {@link #submitted}, {@link #event} and {@link #inactive} may be called from any
 * thread and return a ticket at once; {@link #await} blocks until a ticket is durable. Reads use
 * their own connection, serialized.
 */
public final class JobStore implements AutoCloseable {
  /** The format version this code writes and the newest it reads. */
  public static final int FORMAT = 1;

  private final Path file;
  private final Connection reader;
  private final GroupCommit writer;
  private final long epoch;
  private final JobId lastId;

  private JobStore(Path file, Connection readConn, Connection writeConn, long epoch, JobId lastId)
      throws SQLException {
    this.file = file;
    this.reader = readConn;
    this.epoch = epoch;
    this.lastId = lastId;
    this.writer = new GroupCommit(file, writeConn);
  }

  /**
   * Opens the store in {@code file}, creating it if it does not exist.
   *
   * @param graphFingerprint the fingerprint of the instance's resource graph; an existing store
   *     must have been made for the same one
   * @param newEpoch the FLUID epoch recorded in a new store
   * @throws JobStoreException naming the file and why it cannot be used; the file is then untouched
   */
  public static JobStore open(Path file, String graphFingerprint, long newEpoch) {
    Path abs = file.toAbsolutePath();
    long epoch;
    if (Files.exists(abs)) {
      StoreHeader.check(abs, FORMAT);
      epoch = checkContents(abs, graphFingerprint);
    } else {
      create(abs, graphFingerprint, newEpoch);
      epoch = newEpoch;
    }
    Connection w = null;
    Connection r = null;
    try {
      w = connect(abs, false);
      w.setAutoCommit(false);
      r = connect(abs, true);
      JobId last = null;
      try (Statement s = r.createStatement();
          ResultSet rs = s.executeQuery("SELECT max(id) FROM job")) {
        if (rs.next() && rs.getObject(1) != null) {
          last = new JobId(rs.getLong(1));
        }
      }
      return new JobStore(abs, r, w, epoch, last);
    } catch (SQLException e) {
      closeQuietly(r);
      closeQuietly(w);
      throw new JobStoreException("job store " + abs + ": cannot open it: " + e.getMessage(), e);
    }
  }

  private static Connection connect(Path file, boolean readOnly) throws SQLException {
    SQLiteConfig cfg = new SQLiteConfig();
    cfg.setReadOnly(readOnly);
    cfg.setBusyTimeout(60_000);
    if (!readOnly) {
      cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
      cfg.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
      cfg.setCacheSize(-16_000); // KiB
      cfg.setPragma(SQLiteConfig.Pragma.WAL_AUTOCHECKPOINT, "8000"); // pages
    }
    return cfg.createConnection("jdbc:sqlite:" + file);
  }

  private static void create(Path file, String graph, long epoch) {
    Path tmp = file.resolveSibling(file.getFileName() + ".new");
    try {
      Files.deleteIfExists(tmp);
      SQLiteConfig cfg = new SQLiteConfig();
      try (Connection c = cfg.createConnection("jdbc:sqlite:" + tmp);
          Statement s = c.createStatement()) {
        s.execute(
            "PRAGMA synchronous = OFF"); // a fresh file under a temporary name: one sync below
        c.setAutoCommit(false);
        s.execute("PRAGMA application_id = " + StoreHeader.APPLICATION_ID);
        s.execute("PRAGMA user_version = " + FORMAT);
        s.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID");
        s.execute(
            "CREATE TABLE job(id INTEGER PRIMARY KEY, submit_time INTEGER NOT NULL,"
                + " request TEXT NOT NULL)");
        s.execute(
            "CREATE TABLE event(id INTEGER NOT NULL, seq INTEGER NOT NULL, entry TEXT NOT NULL,"
                + " PRIMARY KEY (id, seq)) WITHOUT ROWID");
        s.execute("CREATE TABLE active(id INTEGER PRIMARY KEY)");
        try (PreparedStatement p = c.prepareStatement("INSERT INTO meta VALUES (?, ?)")) {
          meta(p, "format", Integer.toString(FORMAT));
          meta(p, "graph", graph);
          meta(p, "epoch", Long.toString(epoch));
        }
        c.commit();
        c.setAutoCommit(true);
        s.execute("PRAGMA journal_mode = WAL");
      }
      try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(tmp)) {
        ch.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (SQLException | IOException e) {
      throw new JobStoreException("job store " + file + ": cannot create it: " + e.getMessage(), e);
    }
  }

  private static void meta(PreparedStatement p, String key, String value) throws SQLException {
    p.setString(1, key);
    p.setString(2, value);
    p.executeUpdate();
  }

  /** Checks an existing store read-only: integrity and graph; returns its FLUID epoch. */
  private static long checkContents(Path file, String graph) {
    try (Connection c = connect(file, true);
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
        String first = rs.next() ? rs.getString(1) : "no answer";
        if (!"ok".equals(first)) {
          throw new JobStoreException(
              "job store "
                  + file
                  + ": corrupt (SQLite quick_check: "
                  + first
                  + "); refusing to use it");
        }
      }
      String stored = null;
      String epoch = null;
      try (ResultSet rs = s.executeQuery("SELECT key, value FROM meta")) {
        while (rs.next()) {
          switch (rs.getString(1)) {
            case "graph" -> stored = rs.getString(2);
            case "epoch" -> epoch = rs.getString(2);
            default -> {}
          }
        }
      }
      if (stored == null || epoch == null) {
        throw new JobStoreException(
            "job store "
                + file
                + ": corrupt (its meta table lacks the graph or the epoch); refusing"
                + " to use it");
      }
      if (!stored.equals(graph)) {
        throw new JobStoreException(
            "job store "
                + file
                + ": written for another resource graph (fingerprint "
                + stored
                + ", this graph's is "
                + graph
                + "); use the graph it was made with, or a new store file");
      }
      return Long.parseLong(epoch);
    } catch (SQLException | NumberFormatException e) {
      throw new JobStoreException(
          "job store "
              + file
              + ": corrupt or unreadable ("
              + e.getMessage()
              + "); refusing to use it",
          e);
    }
  }

  /** The store file. */
  public Path file() {
    return file;
  }

  /** The FLUID epoch of the instance that created the store. */
  public long epoch() {
    return epoch;
  }

  /** The greatest job id in the store when it was opened, if any. */
  public Optional<JobId> lastId() {
    return Optional.ofNullable(lastId);
  }

  /** Queues a new job's row; returns its ticket. */
  public long submitted(JobId id, long submitTime, JobRequest request) {
    return writer.enqueue(new GroupCommit.JobRow(id.value(), submitTime, request));
  }

  /** Queues eventlog entry {@code seq} of a job; returns its ticket. */
  public long event(JobId id, int seq, JobEvent e) {
    return writer.enqueue(new GroupCommit.EventRow(id.value(), seq, e));
  }

  /** Queues the note that a job became INACTIVE; returns its ticket. */
  public long inactive(JobId id) {
    return writer.enqueue(new GroupCommit.Inactive(id.value()));
  }

  /** The ticket of the last record queued. */
  public long lastTicket() {
    return writer.lastTicket();
  }

  /**
   * Blocks until {@code ticket} is durable.
   *
   * @throws JobStoreException if the store failed
   */
  public void await(long ticket) {
    writer.await(ticket);
  }

  /** Runs {@code action} on the writer thread once {@code ticket} is durable (at once if it is). */
  public void whenDurable(long ticket, Runnable action) {
    writer.whenDurable(ticket, action);
  }

  /** A job as stored: its request (JSON) and its eventlog. */
  public record Stored(JobId id, long submitTime, String request, List<JobEvent> events) {
    /** The request, without an in-process task. */
    public JobRequest jobRequest() {
      return RequestCodec.read(request);
    }
  }

  /** Every job not yet INACTIVE in the store, ascending by id. */
  public synchronized List<Stored> active() {
    try (Statement s = reader.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT j.id, j.submit_time, j.request FROM active a JOIN job j ON j.id = a.id"
                    + " ORDER BY j.id")) {
      List<Stored> out = new ArrayList<>();
      while (rs.next()) {
        JobId id = new JobId(rs.getLong(1));
        out.add(new Stored(id, rs.getLong(2), rs.getString(3), events(id)));
      }
      return out;
    } catch (SQLException e) {
      throw failed("reading the active jobs", e);
    }
  }

  /** A job from the store, after every record queued so far is durable. */
  public synchronized Optional<Stored> read(JobId id) {
    writer.await(writer.lastTicket());
    try (PreparedStatement p =
        reader.prepareStatement("SELECT submit_time, request FROM job WHERE id = ?")) {
      p.setLong(1, id.value());
      try (ResultSet rs = p.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new Stored(id, rs.getLong(1), rs.getString(2), events(id)));
      }
    } catch (SQLException e) {
      throw failed("reading job " + id, e);
    }
  }

  /** Every job id in the store, ascending, after every record queued so far is durable. */
  public synchronized List<JobId> ids() {
    writer.await(writer.lastTicket());
    try (Statement s = reader.createStatement();
        ResultSet rs = s.executeQuery("SELECT id FROM job ORDER BY id")) {
      List<JobId> out = new ArrayList<>();
      while (rs.next()) {
        out.add(new JobId(rs.getLong(1)));
      }
      return out;
    } catch (SQLException e) {
      throw failed("listing the jobs", e);
    }
  }

  private List<JobEvent> events(JobId id) throws SQLException {
    try (PreparedStatement p =
        reader.prepareStatement("SELECT entry FROM event WHERE id = ? ORDER BY seq")) {
      p.setLong(1, id.value());
      try (ResultSet rs = p.executeQuery()) {
        List<JobEvent> out = new ArrayList<>();
        while (rs.next()) {
          String lines = rs.getString(1);
          int from = 0;
          for (int nl = lines.indexOf('\n'); nl >= 0; nl = lines.indexOf('\n', from)) {
            out.add(EventCodec.read(lines.substring(from, nl)));
            from = nl + 1;
          }
          out.add(EventCodec.read(lines.substring(from)));
        }
        return out;
      }
    }
  }

  private JobStoreException failed(String what, Exception e) {
    return new JobStoreException(
        "job store " + file + ": " + what + " failed: " + e.getMessage(), e);
  }

  /** Writes everything queued, ends the writer and closes the database. Idempotent. */
  @Override
  public synchronized void close() {
    writer.close();
    closeQuietly(reader);
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        // closing after a failure: the first error is the one reported
      }
    }
  }
}
