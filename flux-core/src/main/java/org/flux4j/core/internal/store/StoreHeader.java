package org.flux4j.core.internal.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flux4j.core.JobStoreException;

/**
 * Checks an existing store file from its SQLite header alone, before SQLite opens it, so that a
 * file that is not a flux4j store, comes from a newer format or is visibly truncated is refused
 * without being touched.
 *
 * <p>The SQLite file format puts the magic string in bytes 0-15, the page size in 16-17, the change
 * counter in 24-27, the database size in pages in 28-31 (valid when bytes 92-95 equal the change
 * counter), {@code user_version} in 60-63 and {@code application_id} in 68-71, all big-endian. A
 * flux4j store sets {@code application_id} to {@link #APPLICATION_ID} and {@code user_version} to
 * its format version.
 */
final class StoreHeader {
  /** "Flx4" in ASCII. */
  static final int APPLICATION_ID = 0x466c7834;

  private static final byte[] MAGIC =
      "SQLite format 3\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private StoreHeader() {}

  /**
   * Checks the header of {@code file}.
   *
   * @param newest the newest format version this code reads
   * @return the file's format version
   * @throws JobStoreException naming the file and what is wrong
   */
  static int check(Path file, int newest) {
    byte[] h = new byte[100];
    long length;
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      length = Files.size(file);
      n = in.readNBytes(h, 0, h.length);
    } catch (IOException e) {
      throw new JobStoreException("job store " + file + ": cannot read it: " + e.getMessage(), e);
    }
    if (n < h.length) {
      throw new JobStoreException(
          "job store "
              + file
              + ": truncated or not a database ("
              + length
              + " bytes, less than an SQLite header); refusing to use it");
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (h[i] != MAGIC[i]) {
        throw new JobStoreException(
            "job store " + file + ": not an SQLite database (bad header); refusing to use it");
      }
    }
    if (u32(h, 68) != APPLICATION_ID) {
      throw new JobStoreException(
          "job store "
              + file
              + ": an SQLite database but not a flux4j job store (application_id "
              + Integer.toHexString(u32(h, 68))
              + "); refusing to use it");
    }
    int version = u32(h, 60);
    if (version > newest) {
      throw new JobStoreException(
          "job store "
              + file
              + ": written in format version "
              + version
              + " by a newer flux4j; this one reads versions up to "
              + newest
              + "; refusing to use it");
    }
    if (version < 1) {
      throw new JobStoreException(
          "job store " + file + ": no format version (" + version + "); refusing to use it");
    }
    int pageSize = ((h[16] & 0xff) << 8) | (h[17] & 0xff);
    if (pageSize == 1) {
      pageSize = 65536;
    }
    if (pageSize < 512 || Integer.bitCount(pageSize) != 1) {
      throw new JobStoreException(
          "job store "
              + file
              + ": corrupt header (page size "
              + pageSize
              + "); refusing to use it");
    }
    long pages = u32(h, 28) & 0xffffffffL;
    boolean sizeValid = u32(h, 92) == u32(h, 24);
    if (length % pageSize != 0 || (sizeValid && pages * pageSize > length)) {
      throw new JobStoreException(
          "job store "
              + file
              + ": truncated ("
              + length
              + " bytes"
              + (sizeValid ? ", its header says " + pages * pageSize : "")
              + ", pages of "
              + pageSize
              + "); refusing to use it");
    }
    return version;
  }

  private static int u32(byte[] b, int at) {
    return ((b[at] & 0xff) << 24)
        | ((b[at + 1] & 0xff) << 16)
        | ((b[at + 2] & 0xff) << 8)
        | (b[at + 3] & 0xff);
  }
}
