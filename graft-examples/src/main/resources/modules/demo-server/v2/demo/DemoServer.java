package demo;

import dev.graft.behaviour.GenServer;
import dev.graft.behaviour.StartResult;
import dev.graft.code.Vsn;
import dev.graft.gen.From;
import dev.graft.migrate.Migration;
import dev.graft.process.Pid;

/**
 * Seed 002's DemoServer, version 2: {@code money} is now {@code salary}, and adding money
 * replies with the new state. {@link #codeChange} moves a version 1 state across.
 */
@Vsn("2")
public final class DemoServer implements GenServer<DemoServer.Employee> {
    public record Employee(String name, int salary) {}

    /** Version 1's state, as this version reads it. */
    private record EmployeeV1(String name, int money) {}

    record Add(int value) {}

    public static StartResult startLink(String name, int salary) {
        return GenServer.startLink(DemoServer.class, new Employee(name, salary));
    }

    public static Object addMoney(Pid server, int value) {
        return GenServer.call(server, new Add(value));
    }

    @Override
    public Init<Employee> init(Object employee) {
        return Init.ok((Employee) employee);
    }

    @Override
    public CallResult<Employee> handleCall(Object request, From from, Employee e) {
        if (request instanceof Add(int value)) {
            Employee next = new Employee(e.name(), e.salary() + value);
            return new Reply<>(next, next);
        }
        throw new IllegalArgumentException("DemoServer: unknown request " + request);
    }

    @Override
    public Employee codeChange(Object oldVsn, Object oldState, Object extra) {
        EmployeeV1 old = Migration.convert(oldState, EmployeeV1.class);
        return new Employee(old.name(), old.money());
    }
}
