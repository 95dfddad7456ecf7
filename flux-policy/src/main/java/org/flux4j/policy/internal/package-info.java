/** Machinery of the match engine; not API. */
package org.flux4j.policy.internal;
