package org.flux4j.policy.jobspec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One entry of a jobspec's {@code tasks} list (RFC 14): the command, the label of the slot it runs
 * in, and how many copies to run ({@code count} with one key: {@code per_slot} or {@code total}, as
 * Fluxion keeps it: string values). Immutable.
 *
 * @param command the command and its arguments (may be empty)
 * @param slot the label of the slot the tasks run in
 * @param count the task count mapping, e.g. {@code per_slot -> "1"}; empty when not given
 * @param distribution the {@code distribution} key, or ""
 * @param attributes the task's {@code attributes} mapping, values as strings
 */
public record Task(
    List<String> command,
    String slot,
    Map<String, String> count,
    String distribution,
    Map<String, String> attributes) {

  /** Copies the components into unmodifiable ones (iteration order preserved). */
  public Task {
    command = List.copyOf(Objects.requireNonNull(command, "command"));
    Objects.requireNonNull(slot, "slot");
    count = count == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(count));
    distribution = Objects.requireNonNullElse(distribution, "");
    attributes =
        attributes == null
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

  /** {@code command}, run {@code perSlot} times in each slot labelled {@code slot}. */
  public static Task perSlot(List<String> command, String slot, long perSlot) {
    return new Task(command, slot, Map.of("per_slot", Long.toString(perSlot)), "", Map.of());
  }

  /** {@code command}, run {@code total} times over the slots labelled {@code slot}. */
  public static Task total(List<String> command, String slot, long total) {
    return new Task(command, slot, Map.of("total", Long.toString(total)), "", Map.of());
  }

  /** The {@code per_slot} count, if given and an integer. */
  public OptionalLong perSlot() {
    return integer(count.get("per_slot"));
  }

  /** The {@code total} count, if given and an integer. */
  public OptionalLong total() {
    return integer(count.get("total"));
  }

  private static OptionalLong integer(String s) {
    if (s == null) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(s.trim()));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
