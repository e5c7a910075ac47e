# The small, valid RV64 static ELF that tests/errors/mkcases.py mutates into
# broken inputs: a text segment and a separate 8 KiB data segment, so there
# are two PT_LOADs. It writes "ok\n" and exits 0.
    .text
    .globl _start
_start:
    li a0, 1
    la a1, msg
    li a2, 3
    li a7, 64          # write
    ecall
    la t0, table
    ld t1, 0(t0)
    li a0, 0
    li a7, 93          # exit
    ecall

    .section .rodata
msg: .ascii "ok\n"

    .data
    .balign 8
table:
    .fill 1024, 8, 0x0123456789abcdef
