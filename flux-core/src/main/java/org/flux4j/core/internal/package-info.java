/** Machinery of the workload manager; not API. */
package org.flux4j.core.internal;
