package org.flux4j.graph;

import java.util.Objects;
import java.util.function.Consumer;
import org.flux4j.graph.internal.GrugExpander;
import org.flux4j.graph.internal.GrugRecipe;

/**
 * A fluent builder of virtual clusters of any shape, with Fluxion's GRUG conventions: every level
 * is a resource type with a count per parent instance; names are basename followed by id; ids are
 * scoped like GRUG's {@code id_scope}; uniq_ids are creation indices in Fluxion's depth-first,
 * level-by-level order; every {@code node} vertex gets the next rank.
 *
 * <pre>{@code
 * ResourceGraph g =
 *     VirtualCluster.builder("cluster")
 *         .child("rack", 4, rack -> rack
 *             .child("node", 50, node -> node.idScope(1)
 *                 .child("socket", 2, socket -> socket
 *                     .child("core", 22, core -> core.idScope(1))
 *                     .child("memory", 1, mem -> mem.size(96).unit("GB")))))
 *         .build();
 * }</pre>
 *
 * <p>The builder writes a GRUG recipe and expands it with the same code as {@link
 * org.flux4j.graph.io.GraphReaders} (GRUG), so a builder and the equivalent GraphML recipe give
 * identical graphs. Building is O(V + E). Not thread-safe.
 */
public final class VirtualCluster {
  private VirtualCluster() {}

  /**
   * Starts a cluster whose root vertex has type {@code rootType} (basename the same, id 0).
   *
   * @return the root level; add children to it and call {@link Level#build()}
   */
  public static Level builder(String rootType) {
    GrugRecipe recipe = new GrugRecipe();
    Level root = new Level(recipe, recipe.addKind(checkType(rootType), 0), -1);
    root.kind().type = rootType;
    root.kind().basename = rootType;
    root.kind().root = 1;
    return root;
  }

  private static String checkType(String type) {
    Objects.requireNonNull(type, "type");
    if (type.isEmpty()) {
      throw new IllegalArgumentException("a resource type must not be empty");
    }
    return type;
  }

  /**
   * One level of a virtual cluster: a resource type, generated {@code count} times under each
   * instance of its parent level.
   */
  public static final class Level {
    private final GrugRecipe recipe;
    private final int kind;
    private final int link;

    private Level(GrugRecipe recipe, int kind, int link) {
      this.recipe = recipe;
      this.kind = kind;
      this.link = link;
    }

    private GrugRecipe.Kind kind() {
      return recipe.kind(kind);
    }

    private GrugRecipe.Link link() {
      if (link < 0) {
        throw new IllegalStateException("the root level has no ids to scope (its id is 0)");
      }
      return recipe.link(link);
    }

    /** Sets the basename of this level's vertices (default: the type). */
    public Level basename(String basename) {
      kind().basename = checkType(basename);
      return this;
    }

    /** Sets the size (units held) of each vertex of this level (default 1). */
    public Level size(long size) {
      if (size < 0) {
        throw new IllegalArgumentException("size must not be negative: " + size);
      }
      kind().size = size;
      return this;
    }

    /** Sets the unit of this level's size, e.g. "GB" (default none). */
    public Level unit(String unit) {
      kind().unit = Objects.requireNonNull(unit, "unit");
      return this;
    }

    /**
     * Sets the GRUG id scope of this level: 0 (default) numbers instances per parent; {@code s > 0}
     * numbers them uniquely across the instances of the level {@code s} steps above the parent
     * (e.g. cores numbered per node rather than per socket); negative gives no id (id -1, name =
     * basename).
     */
    public Level idScope(int scope) {
      link().idScope = scope;
      return this;
    }

    /** Sets the first id of this level (default 0). */
    public Level idStart(int start) {
      link().idStart = start;
      return this;
    }

    /** Sets the id stride of this level when its id scope is positive (default 1). */
    public Level idStride(int stride) {
      link().idStride = stride;
      return this;
    }

    /** Adds a child level of {@code count} vertices of {@code type} per vertex of this level. */
    public Level child(String type, int count) {
      return child(type, count, c -> {});
    }

    /**
     * Adds a child level and configures it (its basename, size, id scope and own children) in
     * {@code body}. Children are generated in the order they are added.
     */
    public Level child(String type, int count, Consumer<Level> body) {
      checkType(type);
      if (count < 0) {
        throw new IllegalArgumentException("count must not be negative: " + count);
      }
      int k = recipe.addKind(type, 0);
      recipe.kind(k).type = type;
      recipe.kind(k).basename = type;
      int l = recipe.addLink(kind, k, "", 0);
      recipe.link(l).multiScale = count;
      body.accept(new Level(recipe, k, l));
      return this;
    }

    /** The exact number of vertices {@link #build()} creates, computed without building. */
    public long vertexCount() {
      try {
        return recipe.plan("virtual cluster", Long.MAX_VALUE, Long.MAX_VALUE).vertices;
      } catch (GraphParseException e) {
        throw new IllegalArgumentException(e.problem(), e);
      }
    }

    /**
     * Builds the whole cluster (from its root, whichever level this is called on).
     *
     * @throws IllegalArgumentException if the cluster is larger than this JVM can hold
     */
    public ResourceGraph build() {
      try {
        return GrugExpander.expand(recipe, "virtual cluster " + recipe.kind(0).basename);
      } catch (GraphParseException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }
  }
}
