package io.accesskeys.keycloak.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time from Linux's {@code /proc/PID/stat}, in clock ticks: a process's own, and that of its children it waited
 * for (here: each wrk run), so that a run's cost splits into the server's part and the load generator's part, which
 * share the machine's cores.
 */
final class CpuTime {

    /** USER_HZ: 100 on every Linux architecture the benchmark runs on (see proc(5)). */
    static final double MICROS_PER_TICK = 10_000;

    private CpuTime() {
    }

    /** utime + stime of a process. */
    static long ownTicks(long pid) throws IOException {
        String[] fields = fields(pid);
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** cutime + cstime of this JVM: the waited-for children's CPU. */
    static long childrenTicks() throws IOException {
        String[] fields = fields(ProcessHandle.current().pid());
        return Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
    }

    /** The fields after the command name, which may hold spaces: fields[0] is the state (field 3 of proc(5)). */
    private static String[] fields(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    }
}
