package io.shimhost.core.internal;

import io.shimhost.api.ExitStatus;

import jnr.ffi.Pointer;

/** Reads the exit out of the siginfo_t that waitid fills: si_code at 8, si_pid at 16, si_status at 24 (Linux, 64-bit). */
final class SigInfo {

    private static final int SI_CODE = 8;
    private static final int SI_PID = 16;
    /** Where the pid is: zero it before a WNOHANG wait, which leaves it zero when no child has exited. */
    static final int PID_OFFSET = SI_PID;
    private static final int SI_STATUS = 24;

    private SigInfo() {
    }

    /** After waitid with WNOHANG: whether a child was reaped (si_pid is left 0 otherwise). */
    static boolean reaped(Pointer info) {
        return info.getInt(SI_PID) != 0;
    }

    static ExitStatus exitStatus(Pointer info) {
        int code = info.getInt(SI_CODE);
        int status = info.getInt(SI_STATUS);
        return code == LibC.CLD_EXITED ? ExitStatus.exited(status) : ExitStatus.killed(status);
    }
}
