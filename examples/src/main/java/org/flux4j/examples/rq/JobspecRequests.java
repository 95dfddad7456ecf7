package org.flux4j.examples.rq;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flux4j.policy.jobspec.Constraint;
import org.flux4j.policy.jobspec.Exclusive;
import org.flux4j.policy.jobspec.Jobspec;
import org.flux4j.policy.jobspec.Resource;
import org.flux4j.policy.match.ResourceRequest;

/**
 * Turns a parsed {@link Jobspec} into the matcher's {@link ResourceRequest}: the resource tree with
 * counts, exclusivity, labels and units, the duration, and the RFC 31 constraint. Stateless.
 */
final class JobspecRequests {
  private JobspecRequests() {}

  /**
   * The request for {@code js}.
   *
   * @throws IllegalArgumentException if a count or duration is outside what the matcher takes
   */
  static ResourceRequest toRequest(Jobspec js) {
    List<ResourceRequest.Resource> resources = new ArrayList<>();
    for (Resource r : js.resources()) {
      resources.add(resource(r));
    }
    double d = js.duration();
    long duration = d <= 0 || Double.isNaN(d) ? 0 : (long) d;
    Optional<ResourceRequest.Constraint> constraint =
        js.constraints()
            .flatMap(
                c -> c instanceof Constraint.Any ? Optional.empty() : Optional.of(constraint(c)));
    return new ResourceRequest(resources, duration, constraint);
  }

  private static ResourceRequest.Resource resource(Resource r) {
    List<ResourceRequest.Resource> with = new ArrayList<>();
    for (Resource w : r.with()) {
      with.add(resource(w));
    }
    ResourceRequest.Count count =
        ResourceRequest.Count.range(
            r.count().min(), r.count().max(), r.count().operator().symbol(), r.count().operand());
    Boolean exclusive =
        r.exclusive() == Exclusive.UNSPECIFIED ? null : r.exclusive() == Exclusive.TRUE;
    return new ResourceRequest.Resource(r.type(), count, exclusive, r.label(), r.unit(), with);
  }

  private static ResourceRequest.Constraint constraint(Constraint c) {
    if (c instanceof Constraint.Any) {
      return new ResourceRequest.Constraint.And(List.of());
    }
    if (c instanceof Constraint.Properties p) {
      return new ResourceRequest.Constraint.Properties(p.values());
    }
    if (c instanceof Constraint.Hosts h) {
      return new ResourceRequest.Constraint.Hostlist(h.hostlists());
    }
    if (c instanceof Constraint.Ranks r) {
      return new ResourceRequest.Constraint.Ranks(r.idsets());
    }
    if (c instanceof Constraint.And a) {
      return new ResourceRequest.Constraint.And(all(a.operands()));
    }
    if (c instanceof Constraint.Or o) {
      return new ResourceRequest.Constraint.Or(all(o.operands()));
    }
    Constraint.Not n = (Constraint.Not) c;
    return new ResourceRequest.Constraint.Not(all(n.operands()));
  }

  private static List<ResourceRequest.Constraint> all(List<Constraint> cs) {
    List<ResourceRequest.Constraint> out = new ArrayList<>(cs.size());
    for (Constraint c : cs) {
      out.add(constraint(c));
    }
    return out;
  }
}
