package org.pro380.protocol;

/** A response PDU: function code and data, without unit id or CRC. */
public sealed interface Response
        permits ReadHoldingRegistersResponse,
                ReadInputRegistersResponse,
                WriteSingleRegisterResponse,
                WriteMultipleRegistersResponse,
                ExceptionResponse {

    /** The function code of the request answered, without the exception bit 0x80. */
    int functionCode();
}
