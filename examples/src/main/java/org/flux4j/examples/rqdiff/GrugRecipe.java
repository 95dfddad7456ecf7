package org.flux4j.examples.rqdiff;

import java.util.ArrayList;
import java.util.List;

/**
 * A GRUG recipe (the GraphML generation recipe that Fluxion's {@code grug} reader expands) of one
 * containment tree: resource kinds, and MULTIPLY edges that say how many instances of a kind each
 * instance of its parent kind contains and how their ids are numbered. Kind 0 is the root. With a
 * power capacity it also has a power subsystem in the layout of flux-sched's {@code power.graphml}:
 * a powerpanel root supplying the containment tree's pdus (ASSOCIATE_IN), each pdu supplying the
 * nodes beside it (ASSOCIATE_BY_PATH_IN), and a {@code power} pool under each of the three. It
 * renders to the GraphML text Fluxion reads and offers the smaller recipes the shrinker tries.
 *
 * <p>Immutable; the reductions are new recipes.
 *
 * @param kinds the resource kinds, the root first
 * @param edges the recipe edges in file order (their order is the generation order of siblings)
 * @param power the size of each power pool in KW, or 0 for no power subsystem (rendered only when
 *     the kinds include a pdu and a node)
 */
public record GrugRecipe(List<Kind> kinds, List<Edge> edges, int power) {

  /**
   * A resource kind.
   *
   * @param type the resource type
   * @param basename the name prefix of its vertices
   * @param size the units of one vertex (1 unless a pool such as memory)
   * @param unit the unit of size ("" for none)
   */
  public record Kind(String type, String basename, long size, String unit) {}

  /**
   * A MULTIPLY edge.
   *
   * @param src the parent kind's index
   * @param tgt the child kind's index
   * @param scale the children per parent instance
   * @param idScope the levels over which ids are unique (0: restart under every parent)
   * @param idStart the first id
   * @param idStride the id step (used when the scope is above 0)
   */
  public record Edge(int src, int tgt, int scale, int idScope, int idStart, int idStride) {}

  /** Creates a recipe; copies the lists. */
  public GrugRecipe {
    kinds = List.copyOf(kinds);
    edges = List.copyOf(edges);
  }

  /** A containment-only recipe. */
  public GrugRecipe(List<Kind> kinds, List<Edge> edges) {
    this(kinds, edges, 0);
  }

  /**
   * This recipe with a power subsystem of pools of {@code kw} KW: a pdu kind is added beside the
   * nodes (under their parent kind, one per parent instance). Returns this recipe when it has no
   * node kind.
   */
  public GrugRecipe withPower(int kw) {
    int node = typeIndex("node");
    if (node < 0) {
      return this;
    }
    int parent = 0;
    for (Edge e : edges) {
      if (e.tgt() == node) {
        parent = e.src();
      }
    }
    List<Kind> ks = new ArrayList<>(kinds);
    ks.add(new Kind("pdu", "pdu", 1, ""));
    List<Edge> es = new ArrayList<>(edges);
    es.add(new Edge(parent, ks.size() - 1, 1, parent == 0 ? 0 : 1, 0, 1));
    return new GrugRecipe(ks, es, kw);
  }

  private int typeIndex(String type) {
    for (int k = 0; k < kinds.size(); k++) {
      if (kinds.get(k).type().equals(type)) {
        return k;
      }
    }
    return -1;
  }

  private boolean rendersPower() {
    return power > 0 && typeIndex("pdu") > 0 && typeIndex("node") > 0;
  }

  /** The number of vertices the recipe expands to. */
  public long vertexCount() {
    return 1 + below(0);
  }

  private long below(int kind) {
    long n = 0;
    for (Edge e : edges) {
      if (e.src() == kind) {
        n += (long) e.scale() * (1 + below(e.tgt()));
      }
    }
    return n;
  }

  /** The GraphML text of the recipe, in the layout of flux-sched's test recipes. */
  public String toGraphml() {
    StringBuilder sb = new StringBuilder();
    sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    sb.append("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n");
    key(sb, "root", "node", "int", "0");
    key(sb, "type", "node", "string", null);
    key(sb, "basename", "node", "string", null);
    key(sb, "unit", "node", "string", null);
    key(sb, "size", "node", "long", "1");
    key(sb, "subsystem", "node", "string", "containment");
    key(sb, "e_subsystem", "edge", "string", "containment");
    key(sb, "relation", "edge", "string", "contains");
    key(sb, "rrelation", "edge", "string", "in");
    key(sb, "id_scope", "edge", "int", "0");
    key(sb, "id_start", "edge", "int", "0");
    key(sb, "id_stride", "edge", "int", "1");
    key(sb, "gen_method", "edge", "string", "MULTIPLY");
    key(sb, "multi_scale", "edge", "int", "1");
    if (rendersPower()) {
      key(sb, "as_tgt_subsystem", "edge", "string", "containment");
      key(sb, "as_tgt_uplvl", "edge", "int", "1");
      key(sb, "as_src_uplvl", "edge", "int", "1");
    }
    sb.append("    <graph id=\"")
        .append(kinds.get(0).basename())
        .append("\" edgedefault=\"directed\">\n");
    for (int k = 0; k < kinds.size(); k++) {
      Kind kind = kinds.get(k);
      sb.append("        <node id=\"").append(kindId(k)).append("\">\n");
      if (k == 0) {
        data(sb, "root", "1");
      }
      data(sb, "type", kind.type());
      data(sb, "basename", kind.basename());
      if (kind.size() != 1) {
        data(sb, "size", Long.toString(kind.size()));
      }
      if (!kind.unit().isEmpty()) {
        data(sb, "unit", kind.unit());
      }
      sb.append("        </node>\n");
    }
    for (Edge e : edges) {
      sb.append("        <edge id=\"")
          .append(kindId(e.src()))
          .append("2")
          .append(kindId(e.tgt()))
          .append("\" source=\"")
          .append(kindId(e.src()))
          .append("\" target=\"")
          .append(kindId(e.tgt()))
          .append("\">\n");
      data(sb, "multi_scale", Integer.toString(e.scale()));
      if (e.idScope() != 0) {
        data(sb, "id_scope", Integer.toString(e.idScope()));
      }
      if (e.idStart() != 0) {
        data(sb, "id_start", Integer.toString(e.idStart()));
      }
      if (e.idStride() != 1) {
        data(sb, "id_stride", Integer.toString(e.idStride()));
      }
      sb.append("        </edge>\n");
    }
    if (rendersPower()) {
      powerSubsystem(sb);
    }
    sb.append("    </graph>\n</graphml>\n");
    return sb.toString();
  }

  private void powerSubsystem(StringBuilder sb) {
    String[][] vertices = {
      {"powerpanel", "powerpanel", "powerpanel"},
      {"powerpanel_capacity", "power", "power"},
      {"pdu_power", "pdu", "pdu"},
      {"pdu_power_capacity", "power", "power"},
      {"node_power", "node", "node"},
      {"node_power_capacity", "power", "power"}
    };
    for (String[] v : vertices) {
      sb.append("        <node id=\"").append(v[0]).append("\">\n");
      if (v[0].equals("powerpanel")) {
        data(sb, "root", "1");
      }
      data(sb, "type", v[1]);
      data(sb, "basename", v[2]);
      data(sb, "subsystem", "power");
      if (v[1].equals("power")) {
        data(sb, "size", Integer.toString(power));
        data(sb, "unit", "KW");
      }
      sb.append("        </node>\n");
    }
    powerEdge(sb, "powerpanel", "pdu_power", "ASSOCIATE_IN");
    powerEdge(sb, "powerpanel", "powerpanel_capacity", null);
    powerEdge(sb, "pdu_power", "node_power", "ASSOCIATE_BY_PATH_IN");
    powerEdge(sb, "pdu_power", "pdu_power_capacity", null);
    powerEdge(sb, "node_power", "node_power_capacity", null);
  }

  private static void powerEdge(StringBuilder sb, String src, String tgt, String method) {
    sb.append("        <edge id=\"")
        .append(src)
        .append("2")
        .append(tgt)
        .append("\" source=\"")
        .append(src)
        .append("\" target=\"")
        .append(tgt)
        .append("\">\n");
    data(sb, "e_subsystem", "power");
    data(sb, "relation", "supplies_to");
    data(sb, "rrelation", "draws_from");
    if (method != null) {
      data(sb, "gen_method", method);
    }
    sb.append("        </edge>\n");
  }

  private String kindId(int k) {
    return kinds.get(k).type() + (k == 0 ? "" : "_" + k);
  }

  private static void key(StringBuilder sb, String name, String on, String type, String dflt) {
    sb.append("    <key id=\"")
        .append(name)
        .append("\" for=\"")
        .append(on)
        .append("\" attr.name=\"")
        .append(name)
        .append("\" attr.type=\"")
        .append(type)
        .append('"');
    if (dflt == null) {
      sb.append("/>\n");
    } else {
      sb.append(">\n        <default>").append(dflt).append("</default>\n    </key>\n");
    }
  }

  private static void data(StringBuilder sb, String key, String value) {
    sb.append("            <data key=\"")
        .append(key)
        .append("\">")
        .append(value)
        .append("</data>\n");
  }

  /**
   * The recipes one step smaller: each edge's scale lowered (to 1, halved, minus one), id numbering
   * reset to the defaults, each non-root kind removed (a leaf with its edge; an inner kind spliced
   * out, its children hung on its parent with the scales multiplied).
   */
  public List<GrugRecipe> reductions() {
    List<GrugRecipe> out = new ArrayList<>();
    for (int i = 0; i < edges.size(); i++) {
      Edge e = edges.get(i);
      for (int s : new int[] {1, e.scale() / 2, e.scale() - 1}) {
        if (s >= 1 && s < e.scale()) {
          out.add(
              withEdge(i, new Edge(e.src(), e.tgt(), s, e.idScope(), e.idStart(), e.idStride())));
        }
      }
      if (e.idScope() != 0 || e.idStart() != 0 || e.idStride() != 1) {
        out.add(withEdge(i, new Edge(e.src(), e.tgt(), e.scale(), 0, 0, 1)));
      }
    }
    for (int k = 1; k < kinds.size(); k++) {
      out.add(withoutKind(k));
    }
    if (power > 0) {
      out.add(new GrugRecipe(kinds, edges, 0));
    }
    return out;
  }

  private GrugRecipe withEdge(int i, Edge e) {
    List<Edge> es = new ArrayList<>(edges);
    es.set(i, e);
    return new GrugRecipe(kinds, es, power);
  }

  /** This recipe without kind {@code k} (not the root): its children move up to its parent. */
  GrugRecipe withoutKind(int k) {
    Edge in = null;
    for (Edge e : edges) {
      if (e.tgt() == k) {
        in = e;
      }
    }
    List<Kind> ks = new ArrayList<>(kinds);
    ks.remove(k);
    List<Edge> es = new ArrayList<>();
    for (Edge e : edges) {
      if (e.tgt() == k) {
        continue;
      }
      if (e.src() == k && in != null) {
        int scale = (int) Math.min(1L << 20, (long) in.scale() * e.scale());
        e = new Edge(in.src(), e.tgt(), scale, e.idScope(), e.idStart(), e.idStride());
      }
      es.add(
          new Edge(
              shift(e.src(), k),
              shift(e.tgt(), k),
              e.scale(),
              e.idScope(),
              e.idStart(),
              e.idStride()));
    }
    return new GrugRecipe(ks, es, power);
  }

  private static int shift(int i, int removed) {
    return i > removed ? i - 1 : i;
  }
}
