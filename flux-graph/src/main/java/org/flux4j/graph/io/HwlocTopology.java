package org.flux4j.graph.io;

import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.flux4j.graph.GraphParseException;

/**
 * An hwloc topology as libhwloc 2 holds it after loading an XML file, for {@link HwlocReader}.
 *
 * <p>Implementation notes. The XML (v1 or v2 format) is read with StAX, DTDs and external entities
 * disabled. Objects are then arranged as hwloc 2 does: each object has normal, memory (NUMA), I/O
 * and misc children, in that visiting order. For v1 files the importer's rules apply: a NUMA node
 * becomes a memory child, its former children move to its parent, and a memory Group with the NUMA
 * node's cpuset is inserted when that differs from the parent's; a non-root Machine becomes a
 * Group; {@code Socket} is a Package and {@code Cache} objects are typed by depth and cache type.
 * The type filters Fluxion sets are applied: Groups and caches are kept only where they bring
 * structure (a Group with a single normal child of the same cpuset is merged into it; a cache level
 * whose objects all have a single child, or are all single children, is removed), I/O objects are
 * all kept. Logical indexes are then numbered per level in tree order (groups per depth), and OS
 * devices in tree order. This reproduces libhwloc on the topologies Fluxion's tests use; exotic
 * inputs (KNL MCDRAM, memory-side caches, disallowed PUs) are not modelled.
 */
final class HwlocTopology {
  /** One hwloc object. */
  static final class Obj {
    String type;
    String name;
    int osdevType = -1;
    int cacheDepth;
    int cacheKind; // 0 unified, 1 data, 2 instruction
    long cacheSize;
    BitSet cpuset;
    int line;
    int logicalIndex;
    boolean memoryGroup;
    boolean v2;
    Obj parent;
    final Map<String, String> infos = new LinkedHashMap<>();
    final List<Obj> normal = new ArrayList<>();
    final List<Obj> memory = new ArrayList<>();
    final List<Obj> io = new ArrayList<>();
    final List<Obj> misc = new ArrayList<>();
    // raw XML children before arrangement
    final List<Obj> xmlChildren = new ArrayList<>();

    String info(String key) {
      return infos.get(key);
    }

    /** Children in hwloc_get_next_child order: normal, memory, I/O, misc. */
    List<Obj> children() {
      List<Obj> all = new ArrayList<>(normal.size() + memory.size() + io.size() + misc.size());
      all.addAll(normal);
      all.addAll(memory);
      all.addAll(io);
      all.addAll(misc);
      return all;
    }
  }

  final Obj root;

  private HwlocTopology(Obj root) {
    this.root = root;
  }

  static HwlocTopology load(String source, InputStream in) {
    Obj root = parse(source, in);
    boolean v1 = !root.v2;
    Obj machine = root.xmlChildren.isEmpty() ? null : root.xmlChildren.get(0);
    if (machine == null || root.xmlChildren.size() != 1) {
      throw new GraphParseException(
          source, "line " + root.line, "hwloc topology must have exactly one root object");
    }
    machine.parent = null;
    arrange(source, machine, machine, v1);
    mergeGroups(machine);
    filterCaches(machine);
    number(machine);
    return new HwlocTopology(machine);
  }

  // ---------------------------------------------------------------- XML

  private static Obj parse(String source, InputStream in) {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    try {
      f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    } catch (IllegalArgumentException ignored) {
      // not supported by this StAX implementation; DTD support is off anyway
    }
    XMLStreamReader r = null;
    try {
      r = f.createXMLStreamReader(in);
      Obj top = null;
      Deque<Obj> stack = new ArrayDeque<>();
      while (r.hasNext()) {
        int ev = r.next();
        if (ev == XMLStreamConstants.START_ELEMENT) {
          String tag = r.getLocalName();
          int line = r.getLocation().getLineNumber();
          if (top == null) {
            if (!tag.equals("topology")) {
              throw new GraphParseException(
                  source,
                  "line " + line,
                  "expected an hwloc <topology> document, found <" + tag + ">");
            }
            top = new Obj();
            top.type = "topology";
            top.line = line;
            String version = r.getAttributeValue(null, "version");
            top.v2 = version != null && !version.startsWith("1");
            stack.push(top);
          } else if (tag.equals("object")) {
            Obj o = readObject(source, r, line);
            Obj parent = stack.peek();
            if (parent == null) {
              throw new GraphParseException(source, "line " + line, "<object> outside an object");
            }
            o.parent = parent;
            parent.xmlChildren.add(o);
            stack.push(o);
          } else if (tag.equals("info")) {
            Obj o = stack.peek();
            String name = r.getAttributeValue(null, "name");
            String value = r.getAttributeValue(null, "value");
            if (o != null && name != null && value != null) {
              o.infos.putIfAbsent(name, value);
            }
            stack.push(o);
          } else {
            stack.push(stack.peek()); // other elements (distances, page_type, ...) are ignored
          }
        } else if (ev == XMLStreamConstants.END_ELEMENT) {
          stack.pop();
        }
      }
      if (top == null) {
        throw new GraphParseException(source, null, "no <topology> element");
      }
      return top;
    } catch (XMLStreamException e) {
      var loc = e.getLocation();
      throw new GraphParseException(
          source,
          loc == null ? null : "line " + loc.getLineNumber() + ", column " + loc.getColumnNumber(),
          "malformed XML: " + e.getMessage(),
          e);
    } finally {
      if (r != null) {
        try {
          r.close();
        } catch (XMLStreamException ignored) {
          // nothing to do
        }
      }
    }
  }

  private static Obj readObject(String source, XMLStreamReader r, int line) {
    Obj o = new Obj();
    o.line = line;
    String type = r.getAttributeValue(null, "type");
    if (type == null) {
      throw new GraphParseException(source, "line " + line, "<object> without a type attribute");
    }
    o.name = r.getAttributeValue(null, "name");
    String cpus = r.getAttributeValue(null, "complete_cpuset");
    if (cpus == null) {
      cpus = r.getAttributeValue(null, "cpuset");
    }
    o.cpuset = cpus == null ? null : bitmap(source, line, cpus);
    switch (type) {
      case "Socket":
      case "Package":
        o.type = "Package";
        break;
      case "Cache":
        {
          o.cacheDepth = intAttr(source, r, line, "depth", 0);
          o.cacheKind = intAttr(source, r, line, "cache_type", 0);
          o.type = "L" + o.cacheDepth + (o.cacheKind == 2 ? "iCache" : "Cache");
          break;
        }
      case "System":
        o.type = "Machine";
        break;
      case "Node":
        o.type = "NUMANode";
        break;
      case "Machine":
      case "Group":
      case "NUMANode":
      case "Die":
      case "Core":
      case "PU":
      case "Bridge":
      case "PCIDev":
      case "OSDev":
      case "Misc":
      case "MemCache":
        o.type = type;
        break;
      default:
        if (type.matches("L[1-5]i?Cache")) {
          o.type = type;
          o.cacheDepth = type.charAt(1) - '0';
          o.cacheKind = type.contains("i") ? 2 : 0;
        } else {
          throw new GraphParseException(
              source, "line " + line, "unknown hwloc object type \"" + type + "\"");
        }
    }
    if (o.type.endsWith("Cache")) {
      String size = r.getAttributeValue(null, "cache_size");
      o.cacheSize = size == null ? 0 : parseLong(source, line, "cache_size", size);
    }
    if (o.type.equals("OSDev")) {
      o.osdevType = intAttr(source, r, line, "osdev_type", -1);
    }
    return o;
  }

  private static int intAttr(String source, XMLStreamReader r, int line, String key, int dflt) {
    String v = r.getAttributeValue(null, key);
    return v == null ? dflt : (int) parseLong(source, line, key, v);
  }

  private static long parseLong(String source, int line, String key, String v) {
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new GraphParseException(
          source, "line " + line, "attribute " + key + "=\"" + v + "\" is not an integer");
    }
  }

  /** Parses an hwloc bitmap string: comma-separated 32-bit hex words, most significant first. */
  static BitSet bitmap(String source, int line, String s) {
    String[] words = s.split(",", 0);
    BitSet bits = new BitSet();
    int base = 0;
    for (int i = words.length - 1; i >= 0; i--, base += 32) {
      String w = words[i].trim();
      if (w.startsWith("0x") || w.startsWith("0X")) {
        w = w.substring(2);
      }
      if (w.isEmpty()) {
        continue;
      }
      long value;
      try {
        value = Long.parseLong(w, 16);
      } catch (NumberFormatException e) {
        throw new GraphParseException(source, "line " + line, "bad cpuset \"" + s + "\"");
      }
      for (int b = 0; b < 32; b++) {
        if ((value >>> b & 1) != 0) {
          bits.set(base + b);
        }
      }
    }
    return bits;
  }

  // ---------------------------------------------------------------- arrangement

  private static boolean isMemory(Obj o) {
    return o.type.equals("NUMANode") || o.type.equals("MemCache");
  }

  private static boolean isIo(Obj o) {
    return o.type.equals("Bridge") || o.type.equals("PCIDev") || o.type.equals("OSDev");
  }

  /**
   * Places the XML children of {@code x} into the hwloc 2 child lists of {@code into} (which is
   * {@code x} itself, except for v1 NUMA nodes whose children move to their normal parent).
   */
  private static void arrange(String source, Obj x, Obj into, boolean v1) {
    for (Obj c : x.xmlChildren) {
      if (v1 && c.type.equals("Misc") && c.cpuset != null) {
        c.type = "Group";
      }
      if (c.type.equals("Machine")) {
        c.type = "Group"; // a non-root Machine
      }
      if (isMemory(c)) {
        Obj holder = into;
        if (v1 && into.cpuset != null && c.cpuset != null && !c.cpuset.equals(into.cpuset)) {
          Obj g = new Obj();
          g.type = "Group";
          g.memoryGroup = true;
          g.cpuset = (BitSet) c.cpuset.clone();
          g.line = c.line;
          g.parent = into;
          into.normal.add(g);
          holder = g;
        }
        c.parent = holder;
        holder.memory.add(c);
        if (v1) {
          arrange(source, c, holder, v1);
        } else {
          arrange(source, c, c, v1);
        }
      } else if (isIo(c)) {
        c.parent = into;
        into.io.add(c);
        arrange(source, c, c, v1);
      } else if (c.type.equals("Misc")) {
        c.parent = into;
        into.misc.add(c);
        arrange(source, c, c, v1);
      } else {
        if (c.cpuset == null) {
          throw new GraphParseException(
              source, "line " + c.line, "invalid normal object " + c.type + " without a cpuset");
        }
        c.parent = into;
        into.normal.add(c);
        arrange(source, c, c, v1);
      }
    }
    x.xmlChildren.clear();
    // children are kept in cpuset order, as hwloc reorders them after import
    into.normal.sort((a, b) -> Integer.compare(first(a), first(b)));
  }

  private static int first(Obj o) {
    int f = o.cpuset == null ? -1 : o.cpuset.nextSetBit(0);
    return f < 0 ? Integer.MAX_VALUE : f;
  }

  /** Merges Groups that bring no structure (a single normal child with the same cpuset). */
  private static void mergeGroups(Obj p) {
    for (int i = 0; i < p.normal.size(); i++) {
      mergeGroups(p.normal.get(i));
    }
    for (int i = 0; i < p.normal.size(); i++) {
      Obj c = p.normal.get(i);
      if (c.type.equals("Group")
          && c.normal.size() == 1
          && c.normal.get(0).cpuset.equals(c.cpuset)) {
        Obj only = c.normal.get(0);
        moveExtras(c, only);
        only.parent = p;
        p.normal.set(i, only);
      } else if (c.type.equals("Group")
          && p.normal.size() == 1
          && p.cpuset != null
          && p.cpuset.equals(c.cpuset)) {
        p.normal.clear();
        for (Obj gc : c.normal) {
          gc.parent = p;
          p.normal.add(gc);
        }
        moveExtras(c, p);
        break;
      }
    }
  }

  private static void moveExtras(Obj from, Obj to) {
    for (Obj m : from.memory) {
      m.parent = to;
    }
    to.memory.addAll(0, from.memory);
    for (Obj m : from.io) {
      m.parent = to;
    }
    to.io.addAll(0, from.io);
    for (Obj m : from.misc) {
      m.parent = to;
    }
    to.misc.addAll(0, from.misc);
  }

  private static final String[] CACHE_LEVELS = {
    "L1iCache", "L1Cache", "L2iCache", "L2Cache", "L3iCache", "L3Cache", "L4Cache", "L5Cache"
  };

  /** Removes cache levels that bring no structure (hwloc's KEEP_STRUCTURE cache filter). */
  private static void filterCaches(Obj root) {
    for (String kind : CACHE_LEVELS) {
      List<Obj> level = new ArrayList<>();
      collect(root, kind, level);
      if (level.isEmpty()) {
        continue;
      }
      boolean allSingleChild = true;
      boolean allOnlyChild = true;
      for (Obj o : level) {
        allSingleChild &= o.normal.size() == 1;
        allOnlyChild &= o.parent != null && o.parent.normal.size() == 1;
      }
      if (!allSingleChild && !allOnlyChild) {
        continue;
      }
      for (Obj o : level) {
        Obj p = o.parent;
        int at = p.normal.indexOf(o);
        p.normal.remove(at);
        p.normal.addAll(at, o.normal);
        for (Obj c : o.normal) {
          c.parent = p;
        }
        Obj heir = o.normal.isEmpty() ? p : o.normal.get(0);
        moveExtras(o, heir);
      }
    }
  }

  private static void collect(Obj o, String kind, List<Obj> out) {
    if (o.type.equals(kind)) {
      out.add(o);
    }
    for (Obj c : o.normal) {
      collect(c, kind, out);
    }
  }

  /** Numbers logical indexes: per level (type, and depth for groups) in tree order. */
  private static void number(Obj root) {
    Map<String, int[]> counters = new HashMap<>();
    // normal levels: breadth by depth equals tree order restricted to one level
    numberNormal(root, 0, counters);
    numberSpecial(root, counters);
  }

  private static void numberNormal(Obj o, int depth, Map<String, int[]> counters) {
    String key = o.type.equals("Group") ? "Group@" + depth : o.type;
    o.logicalIndex = counters.computeIfAbsent(key, k -> new int[1])[0]++;
    for (Obj c : o.normal) {
      numberNormal(c, depth + 1, counters);
    }
  }

  private static void numberSpecial(Obj o, Map<String, int[]> counters) {
    for (Obj m : o.memory) {
      m.logicalIndex = counters.computeIfAbsent(m.type, k -> new int[1])[0]++;
      numberSpecial(m, counters);
    }
    for (Obj c : o.normal) {
      numberSpecial(c, counters);
    }
    for (Obj c : o.io) {
      c.logicalIndex = counters.computeIfAbsent(c.type, k -> new int[1])[0]++;
      numberSpecial(c, counters);
    }
    for (Obj c : o.misc) {
      c.logicalIndex = counters.computeIfAbsent(c.type, k -> new int[1])[0]++;
      numberSpecial(c, counters);
    }
  }
}
