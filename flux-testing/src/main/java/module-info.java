/**
 * Test fixtures for code that uses flux4j: {@link org.flux4j.testing.WithVirtualCluster} gives a
 * JUnit 5 test an Instance on a virtual cluster and a virtual clock; {@link
 * org.flux4j.testing.FluxAssertions} holds AssertJ assertions for jobs and allocations.
 */
module org.flux4j.testing {
  requires transitive org.flux4j.core;
  requires transitive org.junit.jupiter.api;
  requires transitive org.assertj.core;

  exports org.flux4j.testing;
}
