/**
 * The durable job store of an instance: each job's request and RFC 18 eventlog in an SQLite
 * database, written by group commit, read back to recover the queue after a restart. Flux keeps the
 * same data in its content store, whose default backend is SQLite (flux-core {@code
 * content-sqlite}); this store keeps it in plain tables instead of content-addressed blobs. Not
 * API.
 */
package org.flux4j.core.internal.store;
