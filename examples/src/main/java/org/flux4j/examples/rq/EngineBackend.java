package org.flux4j.examples.rq;

import java.nio.file.Path;

/** The {@link Backend} over flux4j's graph readers, matcher and writers. */
final class EngineBackend {
  private EngineBackend() {}

  /** Loads the graph and builds the matcher for a session. */
  static Backend open(RqOptions options, String graphText, Path cwd)
      throws ResourceQueryMain.SetupException {
    throw new ResourceQueryMain.SetupException(
        "resource_query_t: ERROR: the flux4j match engine is not available in this build\n");
  }
}
