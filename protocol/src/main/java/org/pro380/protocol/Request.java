package org.pro380.protocol;

/**
 * A request PDU: function code and data, without unit id or CRC. The meter implements
 * {@link ReadHoldingRegisters} (03), {@link WriteSingleRegister} (06) and
 * {@link WriteMultipleRegisters} (16); any other function arrives as {@link OtherFunction}.
 */
public sealed interface Request
    permits ReadHoldingRegisters, WriteSingleRegister, WriteMultipleRegisters, OtherFunction {

  /** The function code, 1..127. */
  int functionCode();
}
