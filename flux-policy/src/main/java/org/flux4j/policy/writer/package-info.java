/** Match writers: simple, pretty_simple, jgf, rlite, rv1, rv1_nosched and rv1_shorthand. */
package org.flux4j.policy.writer;
