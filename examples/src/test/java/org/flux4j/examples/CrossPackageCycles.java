package org.flux4j.examples;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Class dependency cycles that cross packages: the strongly connected components of the class graph
 * (a nested class counts as its top-level class, so a file is one node) whose classes live in two
 * or more packages. For each, one cycle through a cross-package edge, found by a shortest path
 * back, so that a failure message shows what to cut.
 *
 * <p>Tarjan's algorithm, iterative; O(classes + dependencies).
 */
final class CrossPackageCycles {
  private final List<String> names = new ArrayList<>();
  private final Map<String, Integer> ids = new HashMap<>();
  private final List<TreeSet<Integer>> out = new ArrayList<>();

  private CrossPackageCycles() {}

  /** The class graph of {@code classes}, restricted to dependencies among them. */
  static CrossPackageCycles of(JavaClasses classes) {
    CrossPackageCycles c = new CrossPackageCycles();
    for (JavaClass jc : classes) {
      c.id(topLevel(jc).getName());
    }
    for (JavaClass jc : classes) {
      int from = c.id(topLevel(jc).getName());
      for (Dependency d : jc.getDirectDependenciesFromSelf()) {
        JavaClass target = d.getTargetClass().getBaseComponentType();
        Integer to = c.ids.get(topLevel(target).getName());
        if (to != null && to != from) {
          c.out.get(from).add(to);
        }
      }
    }
    return c;
  }

  private static JavaClass topLevel(JavaClass c) {
    JavaClass t = c;
    while (t.getEnclosingClass().isPresent()) {
      t = t.getEnclosingClass().get();
    }
    return t;
  }

  private int id(String name) {
    Integer i = ids.get(name);
    if (i == null) {
      i = names.size();
      ids.put(name, i);
      names.add(name);
      out.add(new TreeSet<>());
    }
    return i;
  }

  private static String packageOf(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(0, dot);
  }

  /**
   * One line per strongly connected component spanning two or more packages: its packages (sorted,
   * in brackets, e.g. {@code [a.b, a.c]}), its classes, and a cycle through a cross-package edge.
   * Empty when there is none; sorted.
   */
  List<String> violations() {
    List<String> lines = new ArrayList<>();
    for (List<Integer> scc : components()) {
      TreeSet<String> packages = new TreeSet<>();
      TreeSet<String> members = new TreeSet<>();
      for (int v : scc) {
        packages.add(packageOf(names.get(v)));
        members.add(names.get(v));
      }
      if (packages.size() < 2) {
        continue;
      }
      lines.add(
          packages
              + ": "
              + members.size()
              + " classes "
              + members
              + "; for example the cycle "
              + String.join(" -> ", exampleCycle(scc)));
    }
    lines.sort(null);
    return lines;
  }

  /** The strongly connected components with two or more classes (Tarjan, without recursion). */
  private List<List<Integer>> components() {
    int n = names.size();
    int[] index = new int[n];
    int[] low = new int[n];
    boolean[] onStack = new boolean[n];
    Arrays.fill(index, -1);
    Deque<Integer> stack = new ArrayDeque<>();
    List<List<Integer>> result = new ArrayList<>();
    int counter = 0;
    for (int start = 0; start < n; start++) {
      if (index[start] >= 0) {
        continue;
      }
      Deque<int[]> work = new ArrayDeque<>(); // {vertex, position in its successor list}
      work.push(new int[] {start, 0});
      index[start] = low[start] = counter++;
      stack.push(start);
      onStack[start] = true;
      while (!work.isEmpty()) {
        int[] top = work.peek();
        int v = top[0];
        Integer[] succ = out.get(v).toArray(new Integer[0]);
        if (top[1] < succ.length) {
          int w = succ[top[1]++];
          if (index[w] < 0) {
            index[w] = low[w] = counter++;
            stack.push(w);
            onStack[w] = true;
            work.push(new int[] {w, 0});
          } else if (onStack[w]) {
            low[v] = Math.min(low[v], index[w]);
          }
          continue;
        }
        work.pop();
        if (!work.isEmpty()) {
          int parent = work.peek()[0];
          low[parent] = Math.min(low[parent], low[v]);
        }
        if (low[v] == index[v]) {
          List<Integer> scc = new ArrayList<>();
          int w;
          do {
            w = stack.pop();
            onStack[w] = false;
            scc.add(w);
          } while (w != v);
          if (scc.size() > 1) {
            result.add(scc);
          }
        }
      }
    }
    return result;
  }

  /**
   * A shortest cycle inside {@code scc} through its first cross-package edge (by class name), as
   * class names from a class back to itself.
   */
  private List<String> exampleCycle(List<Integer> scc) {
    Map<String, Integer> byName = new TreeMap<>();
    for (int v : scc) {
      byName.put(names.get(v), v);
    }
    Set<Integer> inScc = new HashSet<>(scc);
    for (int a : byName.values()) {
      for (int b : out.get(a)) {
        if (!inScc.contains(b) || packageOf(names.get(a)).equals(packageOf(names.get(b)))) {
          continue;
        }
        List<Integer> back = shortestPath(b, a, inScc);
        List<String> cycle = new ArrayList<>();
        cycle.add(names.get(a));
        for (int v : back) {
          cycle.add(names.get(v));
        }
        return cycle;
      }
    }
    throw new IllegalStateException("a component over two packages has a cross-package edge");
  }

  /** The vertices of a shortest path from {@code from} to {@code to} inside the component. */
  private List<Integer> shortestPath(int from, int to, Set<Integer> inScc) {
    Map<Integer, Integer> previous = new HashMap<>();
    Deque<Integer> queue = new ArrayDeque<>();
    previous.put(from, from);
    queue.add(from);
    while (!queue.isEmpty()) {
      int v = queue.poll();
      if (v == to) {
        break;
      }
      for (int w : out.get(v)) {
        if (inScc.contains(w) && !previous.containsKey(w)) {
          previous.put(w, v);
          queue.add(w);
        }
      }
    }
    List<Integer> path = new ArrayList<>();
    for (int v = to; v != from; v = previous.get(v)) {
      path.add(0, v);
    }
    path.add(0, from);
    return path;
  }
}
