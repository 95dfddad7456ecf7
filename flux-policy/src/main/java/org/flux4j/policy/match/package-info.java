/**
 * The match engine: Fluxion's depth-first-and-up traverser, match policies and operations, and the
 * ResourceQuery facade (Fluxion's REAPI).
 */
package org.flux4j.policy.match;
