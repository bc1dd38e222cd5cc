package com.degenduel.realtime.codec.wire;

/** An enum whose wire spelling is fixed by the frontend contract rather than by its Java name. */
public interface WireEnum {
  String wire();

  static <E extends Enum<E> & WireEnum> E parse(Class<E> type, String wire, String field) {
    for (E e : type.getEnumConstants()) {
      if (e.wire().equals(wire)) {
        return e;
      }
    }
    throw new WireFormatException("field '" + field + "' has an unknown value");
  }
}
