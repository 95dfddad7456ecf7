package org.flux4j.graph.internal;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.collections.impl.map.mutable.primitive.ObjectIntHashMap;

/**
 * Interns strings to dense int ids, in order of first appearance.
 *
 * <p>Not thread-safe; callers publish it safely (the graph is built on one thread).
 */
public final class Interner {
  private final ObjectIntHashMap<String> ids = new ObjectIntHashMap<>();
  private final List<String> strings = new ArrayList<>();

  /** Returns the id of {@code s}, adding it if new. O(1) expected. */
  public int intern(String s) {
    int id = ids.getIfAbsent(s, -1);
    if (id < 0) {
      id = strings.size();
      strings.add(s);
      ids.put(s, id);
    }
    return id;
  }

  /** Returns the id of {@code s}, or -1 if it was never interned. */
  public int find(String s) {
    return ids.getIfAbsent(s, -1);
  }

  /** Returns the string with this id. */
  public String get(int id) {
    return strings.get(id);
  }

  /** How many strings are interned. */
  public int size() {
    return strings.size();
  }

  /** A copy of this interner. */
  public Interner copy() {
    Interner c = new Interner();
    for (String s : strings) {
      c.intern(s);
    }
    return c;
  }
}
