/** Test fixtures for the class-cycle rule of {@code ArchitectureTest}: not scanned as main code. */
package org.flux4j.examples.cyclefixture;
