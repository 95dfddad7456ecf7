package org.flux4j.core.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.flux4j.core.Clock;
import org.flux4j.core.JobEvent;
import org.flux4j.core.JobId;
import org.flux4j.core.JobListener;
import org.flux4j.core.JobState;
import org.flux4j.core.internal.store.JobStore;

/**
 * Posts a job's events: appends each to the job's RFC 21 eventlog (moving its state), writes it to
 * the store if the instance has one, and tells the listeners; also tells the listeners that want
 * them of changed RFC 27 annotations. The counterpart of flux-core's {@code job-manager/event.c}
 * and {@code annotate.c}.
 *
 * <p>Threading: listeners may be added and removed from any thread; events are posted on the
 * scheduling loop only. A listener that throws is reported to the loop thread's uncaught-exception
 * handler and the event goes on to the other listeners.
 */
final class EventLogger {
  /** The context of an event that carries none. */
  static final Map<String, Object> NO_CONTEXT = Collections.emptyMap();

  private static final List<Map<String, Object>> PRIORITY_CONTEXTS = priorityContexts();

  private final Clock clock;
  private final List<Map<String, Object>> submitContexts;
  private final CopyOnWriteArrayList<JobListener> listeners = new CopyOnWriteArrayList<>();
  private final CopyOnWriteArrayList<JobListener> annotationListeners =
      new CopyOnWriteArrayList<>();
  private volatile JobStore store; // set once, before the first submission
  private volatile boolean annotationsWanted; // a listener wants annotations (read per change)

  /**
   * A logger stamping events with {@code clock}.
   *
   * @param userid the user id the {@code submit} and {@code urgency} events name
   */
  EventLogger(Clock clock, int userid) {
    this.clock = clock;
    List<Map<String, Object>> m = new ArrayList<>(32);
    for (int u = 0; u < 32; u++) {
      m.add(context("urgency", u, "userid", userid, "flags", 0, "version", 1));
    }
    this.submitContexts = m;
  }

  /** Writes every later event to {@code st} too. */
  void attachStore(JobStore st) {
    store = st;
  }

  /** Adds a listener for every job event. */
  synchronized void addListener(JobListener l) {
    listeners.add(l);
    if (wantsAnnotations(l)) {
      annotationListeners.add(l);
      annotationsWanted = true;
    }
  }

  /** Removes a listener. */
  synchronized void removeListener(JobListener l) {
    listeners.remove(l);
    annotationListeners.remove(l);
    annotationsWanted = !annotationListeners.isEmpty();
  }

  /** Whether the listener overrides {@link JobListener#onAnnotations} (else it is not called). */
  private static boolean wantsAnnotations(JobListener l) {
    try {
      return l.getClass().getMethod("onAnnotations", JobId.class, Map.class).getDeclaringClass()
          != JobListener.class;
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("JobListener.onAnnotations is missing", e);
    }
  }

  /**
   * Posts event {@code name} of job {@code j} now, moving the job to {@code next} unless it is null
   * (loop).
   */
  void log(Job j, String name, Map<String, Object> context, JobState next) {
    JobEvent e = new JobEvent(clock.millis(), name, context);
    int seq = j.append(e, next);
    JobStore st = store;
    if (st != null) {
      st.event(j.id, seq, e);
    }
    JobState s = j.state();
    for (JobListener l : listeners) {
      try {
        l.onEvent(j.id, e, s);
      } catch (RuntimeException ex) {
        uncaught(ex);
      }
    }
  }

  /** Tells the listeners that want them of a job's annotations, now changed (loop). */
  void publishAnnotations(Job j) {
    if (!annotationsWanted) {
      return;
    }
    Map<String, Object> a = j.note.toMap(j.request);
    for (JobListener l : annotationListeners) {
      try {
        l.onAnnotations(j.id, a);
      } catch (RuntimeException ex) {
        uncaught(ex);
      }
    }
  }

  private static void uncaught(RuntimeException ex) {
    Thread t = Thread.currentThread();
    t.getUncaughtExceptionHandler().uncaughtException(t, ex);
  }

  /** The context of a {@code submit} event at {@code urgency} (0 to 31). */
  Map<String, Object> submitContext(int urgency) {
    return submitContexts.get(urgency);
  }

  /** The context of a {@code priority} event; shared for the small priorities. */
  static Map<String, Object> priorityContext(long p) {
    return p >= 0 && p < 32 ? PRIORITY_CONTEXTS.get((int) p) : context("priority", p);
  }

  private static List<Map<String, Object>> priorityContexts() {
    List<Map<String, Object>> m = new ArrayList<>(32);
    for (int p = 0; p < 32; p++) {
      m.add(context("priority", (long) p));
    }
    return m;
  }

  /** An event context from alternating keys and values, in that order; unmodifiable. */
  static Map<String, Object> context(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>(kv.length);
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return Collections.unmodifiableMap(m);
  }
}
