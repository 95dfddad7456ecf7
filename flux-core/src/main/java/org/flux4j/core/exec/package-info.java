/** Executors: in-process Java tasks, real processes, and simulated tasks on the virtual clock. */
package org.flux4j.core.exec;
