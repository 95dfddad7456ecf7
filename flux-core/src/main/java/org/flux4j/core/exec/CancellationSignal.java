package org.flux4j.core.exec;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Tells running tasks that their job was canceled or timed out. Set once, never reset. Thread-safe.
 */
public final class CancellationSignal {
  private final CountDownLatch latch = new CountDownLatch(1);

  /** A signal not yet set. */
  CancellationSignal() {}

  /** Sets the signal. Idempotent. */
  void cancel() {
    latch.countDown();
  }

  /** Whether the signal is set. */
  public boolean isCanceled() {
    return latch.getCount() == 0;
  }

  /**
   * Waits up to {@code millis} of real time for the signal.
   *
   * @return whether it is set
   * @throws InterruptedException if the thread is interrupted (executors interrupt on kill)
   */
  public boolean await(long millis) throws InterruptedException {
    return latch.await(millis, TimeUnit.MILLISECONDS);
  }

  /** Waits for the signal without limit. */
  public void await() throws InterruptedException {
    latch.await();
  }
}
