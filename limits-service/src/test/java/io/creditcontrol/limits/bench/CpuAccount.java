package io.creditcontrol.limits.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where the machine's CPU went during a benchmark phase, from Linux's own accounting (/proc): the
 * whole machine, this JVM split by thread (request workers, HTTP event loops, the in-JVM Kafka
 * broker and clients, the benchmark's own driver, JIT compiler, GC), the PostgreSQL server
 * processes, and the rest (pgbench, wrk, the kernel, anything else running). Divided by the
 * requests a phase completed it gives the CPU cost of one request on each side, which bounds the
 * rate this machine can reach however the code is tuned: two cores give 2,000 ms of CPU a second.
 */
final class CpuAccount {

    /** Linux clock ticks per second (USER_HZ); 100 on every x86-64 distribution. */
    private static final double TICKS_PER_SECOND = 100.0;
    private static final Path SELF_TASKS = Path.of("/proc/self/task");

    private final long machineBusy;
    private final long machineTotal;
    private final long jvm;
    private final long postgres;
    private final Map<String, Long> threads;

    private CpuAccount(long machineBusy, long machineTotal, long jvm, long postgres, Map<String, Long> threads) {
        this.machineBusy = machineBusy;
        this.machineTotal = machineTotal;
        this.jvm = jvm;
        this.postgres = postgres;
        this.threads = threads;
    }

    /** A reading now; {@code null} where /proc is not readable (not Linux): the phase then reports no split. */
    static CpuAccount now() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            long total = 0;
            for (int i = 1; i < cpu.length && i <= 8; i++) { // user nice system idle iowait irq softirq steal
                long ticks = Long.parseLong(cpu[i]);
                total += ticks;
                if (i != 4 && i != 5) {
                    busy += ticks;
                }
            }
            long jvm = ticks(Files.readString(Path.of("/proc/self/stat")));
            long postgres = 0;
            try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
                for (Path process : processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                    String stat = readOrNull(process.resolve("stat"));
                    if (stat != null && "postgres".equals(comm(stat))) {
                        // plus the time of exited children: the postmaster reaps backends whose
                        // connection closed (pgbench's), and their CPU is then counted there
                        postgres += ticks(stat) + childrenTicks(stat);
                    }
                }
            }
            Map<String, Long> threads = new HashMap<>();
            try (Stream<Path> tasks = Files.list(SELF_TASKS)) {
                for (Path task : tasks.toList()) {
                    String stat = readOrNull(task.resolve("stat"));
                    if (stat != null) {
                        threads.put(task.getFileName() + " " + comm(stat), ticks(stat));
                    }
                }
            }
            return new CpuAccount(busy, total, jvm, postgres, threads);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * One line: CPU milliseconds per request on each side between {@code before} and {@code after},
     * for {@code requests} completed requests, and how busy the machine's cores were.
     */
    static String perRequest(CpuAccount before, CpuAccount after, long requests, int cores) {
        if (before == null || after == null || requests <= 0) {
            return "CPU split not available";
        }
        double total = after.machineTotal - before.machineTotal;
        double busyCores = total == 0 ? 0 : cores * (after.machineBusy - before.machineBusy) / total;
        long jvm = after.jvm - before.jvm;
        long postgres = after.postgres - before.postgres;
        long rest = (after.machineBusy - before.machineBusy) - jvm - postgres;
        Map<String, Long> byKind = new LinkedHashMap<>();
        long attributed = 0;
        for (Map.Entry<String, Long> thread : after.threads.entrySet()) {
            long used = thread.getValue() - before.threads.getOrDefault(thread.getKey(), 0L);
            attributed += used;
            byKind.merge(kind(thread.getKey().substring(thread.getKey().indexOf(' ') + 1)), used, Long::sum);
        }
        // threads that ended during the phase (the closed-loop driver's own threads) took their ticks with them
        byKind.merge("threads that ended (driver loops)", Math.max(0, jvm - attributed), Long::sum);
        Map<String, Long> others = new HashMap<>();
        for (Map.Entry<String, Long> thread : after.threads.entrySet()) {
            String comm = thread.getKey().substring(thread.getKey().indexOf(' ') + 1);
            if (kind(comm).equals("other threads")) {
                others.merge(comm, thread.getValue() - before.threads.getOrDefault(thread.getKey(), 0L), Long::sum);
            }
        }
        String topOthers = others.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(4)
                .map(e -> String.format(Locale.ROOT, "%s %.3f", e.getKey(), ms(e.getValue(), requests)))
                .collect(Collectors.joining(", "));
        String split = byKind.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> String.format(Locale.ROOT, "%s %.3f", e.getKey(), ms(e.getValue(), requests)))
                .collect(Collectors.joining(", "));
        return String.format(Locale.ROOT,
                "CPU ms per request: all %.3f = JVM %.3f [%s] + PostgreSQL %.3f + rest of machine %.3f (load driver, kernel, others); "
                        + "machine busy %.2f of %d cores%s",
                ms(after.machineBusy - before.machineBusy, requests), ms(jvm, requests), split, ms(postgres, requests),
                ms(Math.max(0, rest), requests), busyCores, cores, topOthers.isEmpty() ? "" : "; other threads: " + topOthers);
    }

    /** The part of the application a thread belongs to, by the (15-character) name Linux keeps for it. */
    static String kind(String comm) {
        for (Map.Entry<String, List<String>> kind : KINDS.entrySet()) {
            if (kind.getValue().stream().anyMatch(comm::startsWith)) {
                return kind.getKey();
            }
        }
        return "other threads";
    }

    private static final Map<String, List<String>> KINDS = new LinkedHashMap<>();
    static {
        KINDS.put("request workers", List.of("executor-thread"));
        KINDS.put("HTTP event loops", List.of("vert.x-eventloo", "vert.x-acceptor"));
        KINDS.put("benchmark driver", List.of("HttpClient-", "bench-"));
        KINDS.put("JIT", List.of("C1 CompilerThre", "C2 CompilerThre"));
        KINDS.put("GC", List.of("GC Thread", "G1 ", "VM Thread"));
        KINDS.put("Kafka clients (outbox relay, consumers)", List.of("kafka-producer-", "vert.x-kafka-co", "kafka-coordinat",
                "smallrye-kafka"));
        KINDS.put("Kafka broker (in this JVM for the test)", List.of("data-plane-kafk", "kafka-", "broker-", "controller-",
                "quorum-", "raft-", "ExpirationReape", "group-coordina", "share-coordina", "transaction-", "LogDirFailureH",
                "ReplicaFetcher", "ReplicaAlterLo", "TxnMarkerSende", "feature-zk-nod", "executor-", "metrics-", "AddPartitions",
                "ForwardingMana", "log-cleaner", "client-metrics", "delayed-", "persister-", "event-process", "RaftManager",
                "ClientQuotaMan", "ThrottledChann"));
    }

    private static double ms(long ticks, long requests) {
        return ticks * 1000.0 / TICKS_PER_SECOND / requests;
    }

    private static String readOrNull(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException | RuntimeException e) {
            return null; // the process or thread ended meanwhile
        }
    }

    private static String comm(String stat) {
        return stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    }

    /** cutime + cstime: fields 16 and 17 of /proc/[pid]/stat, the CPU of waited-for children. */
    private static long childrenTicks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
    }

    /** utime + stime: fields 14 and 15 of /proc/[pid]/stat, counted after the command name. */
    private static long ticks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
