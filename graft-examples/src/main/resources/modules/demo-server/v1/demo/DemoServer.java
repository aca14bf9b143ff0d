package demo;

import dev.graft.behaviour.GenServer;
import dev.graft.behaviour.StartResult;
import dev.graft.code.Vsn;
import dev.graft.gen.From;
import dev.graft.process.Pid;

/** Seed 002's DemoServer, version 1: adds money to an employee's account and says so. */
@Vsn("1")
public final class DemoServer implements GenServer<DemoServer.Employee> {
    public record Employee(String name, int money) {}

    record Add(int value) {}

    public static StartResult startLink(String name, int money) {
        return GenServer.startLink(DemoServer.class, new Employee(name, money));
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
            return new Reply<>(value + " added to " + e.name() + " ", new Employee(e.name(), e.money() + value));
        }
        throw new IllegalArgumentException("DemoServer: unknown request " + request);
    }
}
