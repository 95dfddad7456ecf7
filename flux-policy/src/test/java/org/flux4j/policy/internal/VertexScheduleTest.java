package org.flux4j.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link VertexSchedule#rekey}: an entry handed over to another id keeps its units and window;
 * {@link VertexSchedule#dropExclusivitySpan}: a shared entry becomes a tag without a window; the
 * job index lagging behind the adds still finds every job's first entry.
 */
class VertexScheduleTest {
  @Test
  void rekey_keepsUnitsAndWindow_andDropsTheKind() {
    VertexSchedule s = new VertexSchedule();
    s.add(1, 0, 100, 2, VertexSchedule.ALLOCATED);
    s.add(2, 50, 150, 0, VertexSchedule.SHARED);
    assertThat(s.rekey(1, TraversalUpdate.LEAKED_SPAN)).isZero();
    assertThat(s.indexOf(1)).isEqualTo(-1);
    assertThat(s.indexOf(TraversalUpdate.LEAKED_SPAN)).isZero();
    assertThat(s.has(VertexSchedule.ALLOCATED)).isFalse();
    assertThat(s.maxUnitsDuring(0, 100)).isEqualTo(2);
    assertThat(s.anyDuring(0, 10)).isTrue();
    assertThat(s.rekey(1, TraversalUpdate.LEAKED_SPAN)).isEqualTo(-1);
  }

  @Test
  void rekey_onAnIndexedList_keepsLookupsRight() {
    VertexSchedule s = new VertexSchedule();
    for (long j = 1; j <= VertexSchedule.INDEX_AT + 5; j++) {
      s.add(j, 0, 100, 0, VertexSchedule.SHARED);
    }
    s.remove(3); // builds the index
    s.rekey(7, TraversalUpdate.LEAKED_SPAN);
    s.rekey(8, TraversalUpdate.LEAKED_SPAN); // a second entry of that id drops the index
    assertThat(s.indexOf(7)).isEqualTo(-1);
    assertThat(s.indexOf(8)).isEqualTo(-1);
    assertThat(s.indexOf(9)).isGreaterThanOrEqualTo(0);
    assertThat(s.remove(TraversalUpdate.LEAKED_SPAN)).isGreaterThanOrEqualTo(0);
    assertThat(s.remove(TraversalUpdate.LEAKED_SPAN)).isGreaterThanOrEqualTo(0);
    assertThat(s.remove(TraversalUpdate.LEAKED_SPAN)).isEqualTo(-1);
  }

  @Test
  void findGroup_refusesAJobWithTwoEntries_andRemoveSlotsKeepsTheOthersInOrder() {
    VertexSchedule s = new VertexSchedule();
    for (long j = 1; j <= VertexSchedule.INDEX_AT + 5; j++) {
      s.add(j, j, 100, j % 2, VertexSchedule.RESERVED);
    }
    s.remove(1); // builds the index
    s.add(4, 200, 300, 1, VertexSchedule.RESERVED); // a second entry of job 4, in a lagging slot
    org.eclipse.collections.impl.map.mutable.primitive.LongIntHashMap placeOf =
        new org.eclipse.collections.impl.map.mutable.primitive.LongIntHashMap();
    placeOf.put(4, 0);
    placeOf.put(5, 1);
    placeOf.put(6, 2);
    int[] group = {1, 1, 0};
    int[] seen = new int[3];
    int[] slots = new int[4];
    assertThat(s.findGroup(placeOf, group, seen, 1, slots, 0, 2)).isEqualTo(-1);
    group = new int[] {0, 2, 2};
    assertThat(s.findGroup(placeOf, group, seen, 2, slots, 1, 1)).isEqualTo(2); // past its limit
    group = new int[] {0, 3, 3};
    assertThat(s.findGroup(placeOf, group, seen, 3, slots, 1, 2)).isEqualTo(2);
    long held = s.maxUnitsDuring(0, 400);
    s.removeSlots(slots, 1, 3);
    assertThat(s.indexOf(5)).isEqualTo(-1);
    assertThat(s.indexOf(6)).isEqualTo(-1);
    assertThat(s.maxUnitsDuring(0, 400)).isEqualTo(held - 1); // job 5 held 1 unit, job 6 none
    // the other entries stay in insertion order, job 4's first entry first
    assertThat(s.indexOf(4)).isEqualTo(2); // after jobs 2 and 3
    assertThat(s.start[s.indexOf(4)]).isEqualTo(4);
    assertThat(s.remove(4)).isGreaterThanOrEqualTo(0);
    assertThat(s.start[s.indexOf(4)]).isEqualTo(200);
  }

  @Test
  void laggingIndex_findsTheFirstEntry_andASecondEntryInTheLaggingSlotsDropsIt() {
    VertexSchedule s = new VertexSchedule();
    long n = 3L * VertexSchedule.INDEX_AT;
    for (long j = 1; j <= n; j++) {
      s.add(j, j, j + 10, 1, VertexSchedule.RESERVED);
    }
    s.remove(1); // builds the index over every slot
    for (long j = n + 1; j <= n + 20; j++) {
      s.add(j, j, j + 10, 1, VertexSchedule.RESERVED); // not in the index yet
    }
    assertThat(s.indexOf(n + 7)).isEqualTo((int) n + 6);
    assertThat(s.indexOf(n + 21)).isEqualTo(-1);
    assertThat(s.indexOf(40)).isEqualTo(39);
    // tombstones to compact (a removal catches the index up first), then a second entry of job 40
    // in a lagging slot, then the compaction
    s.remove(10);
    s.remove(20);
    s.add(40, 500, 600, 2, VertexSchedule.ALLOCATED);
    s.compact();
    int first = s.indexOf(40);
    assertThat(s.start[first]).isEqualTo(40); // the first entry, not the one added last
    assertThat(s.units[first]).isEqualTo(1);
    assertThat(s.remove(40)).isEqualTo(first);
    int second = s.indexOf(40);
    assertThat(second).isGreaterThanOrEqualTo(0);
    assertThat(s.start[second]).isEqualTo(500);
    // the catch-up put the lagging jobs in: each is found at its slot, and goes with one removal
    assertThat(s.job[s.indexOf(n + 20)]).isEqualTo(n + 20);
    assertThat(s.remove(n + 20)).isGreaterThanOrEqualTo(0);
    assertThat(s.indexOf(n + 20)).isEqualTo(-1);
  }

  @Test
  void dropExclusivitySpan_keepsTheTag_butNoWindowBlocksExclusiveRequests() {
    VertexSchedule s = new VertexSchedule();
    s.add(1, 0, 100, 0, VertexSchedule.SHARED);
    s.add(2, 0, 100, 3, VertexSchedule.ALLOCATED);
    assertThat(s.dropExclusivitySpan(2)).isFalse(); // an allocation keeps its span
    assertThat(s.dropExclusivitySpan(9)).isFalse();
    s.remove(2);
    assertThat(s.anyDuring(10, 5)).isTrue();
    assertThat(s.dropExclusivitySpan(1)).isTrue();
    assertThat(s.dropExclusivitySpan(1)).isFalse(); // already without a window
    assertThat(s.anyDuring(10, 5)).isFalse();
    assertThat(s.indexOf(1)).isZero(); // the tag: a later cancel still finds the job here
    assertThat(s.has(VertexSchedule.SHARED)).isTrue();
    assertThat(s.maxUnitsDuring(0, 1000)).isZero();
    assertThat(s.remove(1)).isZero();
    assertThat(s.indexOf(1)).isEqualTo(-1);
  }
}
