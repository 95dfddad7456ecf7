package org.flux4j.graph.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Laws of {@link Hostlist} over random lists, checked against an obviously-correct model (the
 * expanded list of names, built in this test by string formatting): decoding a bracketed text gives
 * the model's names; {@link Hostlist#containsHost} agrees with membership in the expanded list;
 * {@code decode(encode(h))} gives back the same names in the same order.
 */
class HostlistPropertiesTest {
  // prefixes that end in digits ("f0", "a1b2") exercise the split search of the index
  private static final List<String> PREFIXES = List.of("n", "node", "f0", "a1b2", "", "x-", "f00");

  /** One bracketed element: prefix, lo text, hi (or -1), suffix. */
  record Element(String prefix, String loText, long hi, String suffix) {
    String text() {
      return prefix + "[" + loText + (hi < 0 ? "" : "-" + hi) + "]" + suffix;
    }

    void expandInto(List<String> out) {
      long lo = Long.parseLong(loText);
      long top = hi < 0 ? lo : hi;
      for (long v = lo; v <= top; v++) {
        out.add(prefix + String.format("%0" + loText.length() + "d", v) + suffix);
      }
    }
  }

  @Provide
  Arbitrary<List<Element>> elements() {
    Arbitrary<String> prefix = Arbitraries.of(PREFIXES);
    Arbitrary<Integer> lo = Arbitraries.integers().between(0, 120);
    Arbitrary<Integer> pad = Arbitraries.integers().between(0, 3);
    Arbitrary<Integer> span = Arbitraries.integers().between(-1, 15);
    Arbitrary<String> suffix = Arbitraries.of("", "", "", "-ib", "x9");
    return Combinators.combine(prefix, lo, pad, span, suffix)
        .as((p, l, z, s, x) -> new Element(p, "0".repeat(z) + l, s < 0 ? -1 : (long) l + s, x))
        .list()
        .ofMaxSize(6);
  }

  @Provide
  Arbitrary<List<String>> probes() {
    Arbitrary<String> numbered =
        Combinators.combine(
                Arbitraries.of(PREFIXES),
                Arbitraries.integers().between(0, 140),
                Arbitraries.integers().between(0, 3),
                Arbitraries.of("", "", "-ib", "x9"))
            .as((p, n, z, x) -> p + "0".repeat(z) + n + x);
    return Arbitraries.oneOf(numbered, Arbitraries.of("login", "n", "f0", "node", "a1b2"))
        .list()
        .ofMaxSize(20);
  }

  @Property(tries = 300)
  void decode_expandsAsTheModel_andContainsAgreesWithMembership(
      @ForAll("elements") List<Element> elements, @ForAll("probes") List<String> probes) {
    List<String> model = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (Element e : elements) {
      text.append(text.length() == 0 ? "" : (model.size() % 2 == 0 ? "," : " "));
      text.append(e.text());
      e.expandInto(model);
    }
    Hostlist h = Hostlist.decode(text.toString());
    assertThat(h).as(text.toString()).containsExactlyElementsOf(model);
    for (String name : model) {
      assertThat(h.containsHost(name)).as("%s in %s", name, text).isTrue();
    }
    for (String probe : probes) {
      assertThat(h.containsHost(probe))
          .as("%s in %s", probe, text)
          .isEqualTo(model.contains(probe));
    }
  }

  @Property(tries = 300)
  void encodeThenDecode_givesTheSameNames(@ForAll("probes") List<String> names) {
    Hostlist h = Hostlist.of(names);
    assertThat(h).containsExactlyElementsOf(names);
    Hostlist back = Hostlist.decode(h.encode());
    assertThat(back).as(h.encode()).containsExactlyElementsOf(names);
    assertThat(back.encode()).isEqualTo(h.encode());
    for (String n : names) {
      assertThat(back.containsHost(n)).isTrue();
    }
  }
}
