/** Machinery of the resource graph; not API. */
package org.flux4j.graph.internal;
