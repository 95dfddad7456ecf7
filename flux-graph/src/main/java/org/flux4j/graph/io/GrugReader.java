package org.flux4j.graph.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.flux4j.graph.GraphParseException;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.internal.GrugExpander;
import org.flux4j.graph.internal.GrugRecipe;

/**
 * Reads a GRUG GraphML recipe (Fluxion's {@code -f grug}) and expands it into a {@link
 * ResourceGraph} exactly as Fluxion's GRUG reader does: same vertices, names, ids, uniq_ids, ranks,
 * paths and edges.
 *
 * <p>The recipe's {@code key} declarations name the attributes and give their defaults (as Boost's
 * GraphML reader applies them); recipe vertices carry {@code type}, {@code basename}, {@code size},
 * {@code unit}, {@code subsystem} and {@code root}; recipe edges carry {@code multi_scale}, {@code
 * gen_method} (MULTIPLY, ASSOCIATE_IN, ASSOCIATE_BY_PATH_IN), {@code id_scope}, {@code id_start},
 * {@code id_stride}, {@code e_subsystem}, {@code relation}, {@code rrelation}, {@code
 * as_tgt_subsystem}, {@code as_tgt_uplvl} and {@code as_src_uplvl}. Expansion is a depth-first walk
 * over the recipe (see {@link GrugExpander}); a vertex's uniq_id is its creation index, and every
 * {@code node} vertex gets the next rank.
 *
 * <p>Bad input (malformed XML, unknown or unparsable attributes, an unknown gen_method, a negative
 * multi_scale or size, no root or two roots in one subsystem, a cycle, or an expansion too large to
 * hold) raises a {@link GraphParseException} naming the source, the line and the problem. The XML
 * is read with a streaming parser with DTDs and external entities disabled. Expansion is O(V + E)
 * and builds no per-vertex strings. Stateless and thread-safe.
 */
final class GrugReader {
  private GrugReader() {}

  /**
   * Reads and expands a recipe file.
   *
   * @throws GraphParseException if the file cannot be read or is not a valid recipe
   */
  public static ResourceGraph read(Path file) {
    String source = file.toString();
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, source);
    } catch (IOException e) {
      throw new GraphParseException(source, null, "cannot read the file: " + e, e);
    }
  }

  /**
   * Reads and expands a recipe held in a string.
   *
   * @param content the GraphML text
   * @param sourceName the name used in error messages
   */
  public static ResourceGraph read(String content, String sourceName) {
    return GrugExpander.expand(new Parser(sourceName).parse(null, content), sourceName);
  }

  /**
   * Reads and expands a recipe from a stream (not closed).
   *
   * @param in the GraphML bytes
   * @param sourceName the name used in error messages
   */
  public static ResourceGraph read(InputStream in, String sourceName) {
    return GrugExpander.expand(parse(in, sourceName), sourceName);
  }

  /** Parses a recipe without expanding it. */
  static GrugRecipe parse(InputStream in, String source) {
    return new Parser(source).parse(in, null);
  }

  // ------------------------------------------------------------------ parsing

  /** A declared {@code <key>}: its attribute name, what it is for, its default and its line. */
  private record Key(String name, String forWhat, String defaultValue, int line) {
    boolean appliesTo(boolean node) {
      return forWhat.equals("all") || forWhat.equals(node ? "node" : "edge");
    }
  }

  /** A {@code <data>} element: the key it names, its text and its line. */
  private record Data(String key, String value, int line) {}

  private static final class Element {
    final String id;
    final String source;
    final String target;
    final int line;
    final List<Data> data = new ArrayList<>(4);

    Element(String id, String source, String target, int line) {
      this.id = id;
      this.source = source;
      this.target = target;
      this.line = line;
    }
  }

  private static final class Parser {
    private final String source;
    private final Map<String, Key> keys = new HashMap<>();
    private final List<Element> nodes = new ArrayList<>();
    private final List<Element> edges = new ArrayList<>();
    private XMLStreamReader r;
    private boolean seenGraph;
    private int graphLine;

    Parser(String source) {
      this.source = source;
    }

    private GraphParseException error(int line, String problem) {
      return new GraphParseException(source, line > 0 ? "line " + line : null, problem);
    }

    private int line() {
      Location l = r.getLocation();
      return l == null ? 0 : l.getLineNumber();
    }

    /** Parses from a byte stream (encoding from the XML declaration) or else from text. */
    GrugRecipe parse(InputStream in, String text) {
      XMLInputFactory f = XMLInputFactory.newDefaultFactory();
      f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
      f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
      f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
      f.setProperty(XMLInputFactory.IS_COALESCING, true);
      try {
        r =
            in != null
                ? f.createXMLStreamReader(in)
                : f.createXMLStreamReader(new StringReader(text));
        try {
          readDocument();
        } finally {
          r.close();
        }
      } catch (XMLStreamException e) {
        Location l = e.getLocation();
        int line = l == null ? 0 : l.getLineNumber();
        String msg = e.getMessage();
        int cut = msg == null ? -1 : msg.indexOf("Message: ");
        String problem = cut >= 0 ? msg.substring(cut + 9) : String.valueOf(msg);
        throw new GraphParseException(
            source, line > 0 ? "line " + line : null, "malformed XML: " + problem, e);
      }
      return resolve();
    }

    private void readDocument() throws XMLStreamException {
      while (r.hasNext() && r.next() != XMLStreamConstants.START_ELEMENT) {
        // prolog: comments, processing instructions, whitespace
      }
      if (r.getEventType() != XMLStreamConstants.START_ELEMENT) {
        throw error(line(), "no root element (expected <graphml>)");
      }
      if (!r.getLocalName().equals("graphml")) {
        throw error(line(), "the root element is <" + r.getLocalName() + ">, expected <graphml>");
      }
      while (nextChild()) {
        switch (r.getLocalName()) {
          case "key":
            readKey();
            break;
          case "graph":
            if (seenGraph) {
              skip();
            } else {
              seenGraph = true;
              readGraph();
            }
            break;
          default:
            skip();
        }
      }
      while (r.hasNext()) {
        r.next();
      }
      if (!seenGraph) {
        throw error(0, "no <graph> element");
      }
    }

    /** Advances to the next child start element; false at the parent's end element. */
    private boolean nextChild() throws XMLStreamException {
      while (true) {
        int ev = r.next();
        if (ev == XMLStreamConstants.START_ELEMENT) {
          return true;
        }
        if (ev == XMLStreamConstants.END_ELEMENT) {
          return false;
        }
        if (ev == XMLStreamConstants.END_DOCUMENT) {
          throw error(line(), "unexpected end of document");
        }
      }
    }

    private void skip() throws XMLStreamException {
      int depth = 1;
      while (depth > 0) {
        int ev = r.next();
        if (ev == XMLStreamConstants.START_ELEMENT) {
          depth++;
        } else if (ev == XMLStreamConstants.END_ELEMENT) {
          depth--;
        }
      }
    }

    private String attr(String name) {
      return r.getAttributeValue(null, name);
    }

    private String required(String element, String name, int line) {
      String v = attr(name);
      if (v == null) {
        throw error(line, "<" + element + "> has no '" + name + "' attribute");
      }
      return v;
    }

    private void readKey() throws XMLStreamException {
      int line = line();
      String id = required("key", "id", line);
      String forWhat = required("key", "for", line);
      String name = required("key", "attr.name", line);
      required("key", "attr.type", line);
      switch (forWhat) {
        case "node":
        case "edge":
        case "all":
        case "graph":
        case "graphml":
        case "hyperedge":
        case "port":
        case "endpoint":
          break;
        default:
          throw error(line, "key '" + id + "' has an invalid for=\"" + forWhat + "\"");
      }
      String def = null;
      while (nextChild()) {
        if (r.getLocalName().equals("default")) {
          def = normalize(r.getElementText());
        } else {
          skip();
        }
      }
      keys.put(id, new Key(name, forWhat, def, line));
    }

    private void readGraph() throws XMLStreamException {
      graphLine = line();
      boolean directed = !"undirected".equals(attr("edgedefault"));
      while (nextChild()) {
        int line = line();
        switch (r.getLocalName()) {
          case "node":
            {
              Element e = new Element(required("node", "id", line), null, null, line);
              readData(e);
              nodes.add(e);
              break;
            }
          case "edge":
            {
              String local = attr("directed");
              boolean isDirected = local == null ? directed : local.equals("true");
              if (!isDirected) {
                throw error(line, "undirected edge: a GRUG recipe is a directed graph");
              }
              Element e =
                  new Element(
                      attr("id"),
                      required("edge", "source", line),
                      required("edge", "target", line),
                      line);
              readData(e);
              edges.add(e);
              break;
            }
          default:
            skip();
        }
      }
    }

    private void readData(Element e) throws XMLStreamException {
      while (nextChild()) {
        if (r.getLocalName().equals("data")) {
          int line = line();
          String key = required("data", "key", line);
          e.data.add(new Data(key, normalize(r.getElementText()), line));
        } else {
          skip();
        }
      }
    }

    // ---------------------------------------------------------------- resolution

    private GrugRecipe resolve() {
      GrugRecipe recipe = new GrugRecipe();
      recipe.graphLine = graphLine;
      Map<String, Integer> index = new HashMap<>();
      for (Element n : nodes) {
        if (index.containsKey(n.id)) {
          throw error(n.line, "duplicate node id '" + n.id + "'");
        }
        int k = recipe.addKind(n.id, n.line);
        index.put(n.id, k);
        GrugRecipe.Kind kind = recipe.kind(k);
        for (Key key : keys.values()) {
          if (key.defaultValue() != null && key.appliesTo(true) && isNodeProperty(key.name())) {
            setNode(kind, key.name(), key.defaultValue(), key.line());
          } else if (key.defaultValue() != null && key.forWhat().equals("node")) {
            throw error(key.line(), "unknown recipe vertex attribute '" + key.name() + "'");
          }
        }
        for (Data d : n.data) {
          setNode(kind, nameOf(d), d.value(), d.line());
        }
      }
      for (Element e : edges) {
        Integer s = index.get(e.source);
        Integer t = index.get(e.target);
        if (s == null || t == null) {
          String missing = s == null ? e.source : e.target;
          throw error(e.line, "edge refers to an undeclared node '" + missing + "'");
        }
        int l = recipe.addLink(s, t, e.id == null ? "" : e.id, e.line);
        GrugRecipe.Link link = recipe.link(l);
        for (Key key : keys.values()) {
          if (key.defaultValue() != null && key.appliesTo(false) && isEdgeProperty(key.name())) {
            setEdge(link, key.name(), key.defaultValue(), key.line());
          } else if (key.defaultValue() != null && key.forWhat().equals("edge")) {
            throw error(key.line(), "unknown recipe edge attribute '" + key.name() + "'");
          }
        }
        for (Data d : e.data) {
          setEdge(link, nameOf(d), d.value(), d.line());
        }
      }
      return recipe;
    }

    private String nameOf(Data d) {
      Key key = keys.get(d.key());
      if (key == null) {
        throw error(d.line(), "<data> refers to an undeclared key '" + d.key() + "'");
      }
      return key.name();
    }

    private static boolean isNodeProperty(String name) {
      switch (name) {
        case "root":
        case "type":
        case "basename":
        case "size":
        case "unit":
        case "subsystem":
          return true;
        default:
          return false;
      }
    }

    private static boolean isEdgeProperty(String name) {
      switch (name) {
        case "e_subsystem":
        case "relation":
        case "rrelation":
        case "gen_method":
        case "id_scope":
        case "id_start":
        case "id_stride":
        case "multi_scale":
        case "as_tgt_subsystem":
        case "as_tgt_uplvl":
        case "as_src_uplvl":
          return true;
        default:
          return false;
      }
    }

    private void setNode(GrugRecipe.Kind k, String name, String value, int line) {
      switch (name) {
        case "root":
          k.root = parseInt(name, value, line);
          break;
        case "type":
          k.type = value;
          break;
        case "basename":
          k.basename = value;
          break;
        case "size":
          k.size = parseLong(name, value, line);
          break;
        case "unit":
          k.unit = value;
          break;
        case "subsystem":
          k.subsystem = value;
          break;
        default:
          throw error(
              line,
              isEdgeProperty(name)
                  ? "attribute '" + name + "' belongs on a recipe edge, not a node"
                  : "unknown recipe vertex attribute '" + name + "'");
      }
    }

    private void setEdge(GrugRecipe.Link l, String name, String value, int line) {
      switch (name) {
        case "e_subsystem":
          l.eSubsystem = value;
          break;
        case "relation":
          l.relation = value;
          break;
        case "rrelation":
          l.rrelation = value;
          break;
        case "gen_method":
          l.genMethod = value;
          break;
        case "id_scope":
          l.idScope = parseInt(name, value, line);
          break;
        case "id_start":
          l.idStart = parseInt(name, value, line);
          break;
        case "id_stride":
          l.idStride = parseInt(name, value, line);
          break;
        case "multi_scale":
          l.multiScale = parseInt(name, value, line);
          break;
        case "as_tgt_subsystem":
          l.asTgtSubsystem = value;
          break;
        case "as_tgt_uplvl":
          l.asTgtUplvl = parseInt(name, value, line);
          break;
        case "as_src_uplvl":
          l.asSrcUplvl = parseInt(name, value, line);
          break;
        default:
          throw error(
              line,
              isNodeProperty(name)
                  ? "attribute '" + name + "' belongs on a recipe node, not an edge"
                  : "unknown recipe edge attribute '" + name + "'");
      }
    }

    private int parseInt(String name, String value, int line) {
      try {
        return Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw error(line, "attribute '" + name + "' is not an int: '" + value + "'");
      }
    }

    private long parseLong(String name, String value, int line) {
      try {
        return Long.parseLong(value);
      } catch (NumberFormatException e) {
        throw error(line, "attribute '" + name + "' is not a long: '" + value + "'");
      }
    }

    /** Trims and collapses inner whitespace, as Boost's property-tree XML reader does. */
    private static String normalize(String s) {
      int n = s.length();
      boolean plain = n == 0 || (!isSpace(s.charAt(0)) && !isSpace(s.charAt(n - 1)));
      if (plain) {
        for (int i = 0; i < n && plain; i++) {
          if (isSpace(s.charAt(i)) && (s.charAt(i) != ' ' || isSpace(s.charAt(i + 1)))) {
            plain = false;
          }
        }
        if (plain) {
          return s;
        }
      }
      StringBuilder sb = new StringBuilder(n);
      boolean pendingSpace = false;
      for (int i = 0; i < n; i++) {
        char c = s.charAt(i);
        if (isSpace(c)) {
          pendingSpace = sb.length() > 0;
        } else {
          if (pendingSpace) {
            sb.append(' ');
            pendingSpace = false;
          }
          sb.append(c);
        }
      }
      return sb.toString();
    }

    private static boolean isSpace(char c) {
      return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }
  }
}
