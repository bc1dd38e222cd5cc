package com.degenduel.realtime.node.streams;

import java.util.HashSet;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The forwards of one owned stream that this member delivers, within one history (epoch) of the
 * stream: which are on their way, and the number up to which every one was delivered, which the
 * next marks tell the record. Deliveries complete in any order, since forwards are sent as soon as
 * they are recorded rather than one after another.
 */
final class ForwardsInFlight {
  private long deliveredUpTo;
  private final Set<Long> sending = new HashSet<>();
  private final SortedSet<Long> deliveredAhead = new TreeSet<>();

  /** The record holds no forward below {@code firstPending}: those were delivered and marked. */
  void heldFrom(long firstPending) {
    if (firstPending - 1 > deliveredUpTo) {
      deliveredUpTo = firstPending - 1;
      deliveredAhead.headSet(firstPending).clear();
      sending.removeIf(number -> number < firstPending);
    }
  }

  /** Whether the forward is to be sent now: it is neither delivered nor on its way. */
  boolean startSending(long number) {
    return number > deliveredUpTo && !deliveredAhead.contains(number) && sending.add(number);
  }

  /** Whether the delivery of {@code number} moved {@link #deliveredUpTo} on. */
  boolean delivered(long number) {
    sending.remove(number);
    if (number <= deliveredUpTo) {
      return false;
    }
    deliveredAhead.add(number);
    long before = deliveredUpTo;
    while (deliveredAhead.remove(deliveredUpTo + 1)) {
      deliveredUpTo++;
    }
    return deliveredUpTo > before;
  }

  long deliveredUpTo() {
    return deliveredUpTo;
  }
}
