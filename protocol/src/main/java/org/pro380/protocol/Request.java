package org.pro380.protocol;

/**
 * A request PDU: function code and data, without unit id or CRC. The meter implements
 * {@link ReadHoldingRegisters} (03), {@link WriteSingleRegister} (06) and
 * {@link WriteMultipleRegisters} (16); any other function arrives as {@link OtherFunction}.
 * {@link ReadInputRegisters} (04) is for the client to read other meters.
 */
public sealed interface Request
        permits ReadHoldingRegisters, ReadInputRegisters, WriteSingleRegister, WriteMultipleRegisters, OtherFunction {

    /** The function code, 1..127. */
    int functionCode();
}
