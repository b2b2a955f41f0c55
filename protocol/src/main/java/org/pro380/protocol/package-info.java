/**
 * The Modbus protocol core of pro380: PDU records and codecs, the RTU and MBAP framers, the
 * CRC16 and the timing of an RS485 line. Pure functions and state machines, no I/O: transports
 * feed bytes in and write the encoded bytes out.
 *
 * <pre>
 * RTU ADU:  unit | function code | data ...  | CRC lo | CRC hi     (4..256 bytes)
 *                  '------- PDU (1..253) ---'
 * MBAP ADU: txid(2) | protocol 0 (2) | length(2) | unit | PDU       (8..260 bytes)
 * </pre>
 */
package org.pro380.protocol;
