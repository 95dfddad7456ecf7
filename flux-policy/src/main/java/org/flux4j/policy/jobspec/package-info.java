/** Jobspecs: RFC 14 (canonical), RFC 25 (V1) and RFC 31 constraints, parsed from YAML or JSON. */
package org.flux4j.policy.jobspec;
