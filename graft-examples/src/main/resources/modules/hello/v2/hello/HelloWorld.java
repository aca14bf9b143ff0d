package hello;

import dev.graft.code.Vsn;
import dev.graft.process.Io;
import dev.graft.process.Proc;

/** Version 2 of the seed's HelloWorld: greets with "Hello" every so often, for ever. */
@Vsn("2")
public final class HelloWorld {
    private HelloWorld() {}

    /** Erlang's hello(Name) -> io:format(...), timer:sleep(...), hello(Name): the loop is a local call. */
    public static void hello(String name, long everyMillis) {
        for (;;) {
            Io.println("Hello, " + name);
            Proc.sleep(everyMillis);
        }
    }
}
