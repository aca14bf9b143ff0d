/**
 * The live-upgrade demo, {@code ./graft demo}: a chat server built on Graft's behaviours,
 * upgraded from release 1 to 2 to 3 and back to 2 while real TCP clients talk to it.
 *
 * <p>The chat's modules are resources, {@code modules/chat/vN/chat/}, compiled when the demo
 * runs and built into releases by Graft's release builder, which generates each upgrade's appups
 * from the bytecode ({@link dev.graft.examples.chat.ChatReleases}); version 1 holds all of them,
 * versions 2 and 3 only what they change. Its tree, as a ranch listener's:
 * <pre>
 * chat_sup (ChatSup, rest_for_one)            the application's top (ChatApp)
 *  ├─ chat_rooms (Rooms, GenServer)            the room registry: members, rooms, nicks
 *  ├─ chat_connections (Connections, s1f1)     one temporary child per client:
 *  │   └─ Connection process                     the loop (Connection) calls the protocol (Protocol)
 *  │       └─ LineSocket reader                  its socket's lines, as messages (shared code)
 *  ├─ chat_listener (Listener, GenServer)      owns the listening socket
 *  └─ chat_acceptors (Acceptors, one_for_one)  the acceptor pool
 *      └─ Acceptor process × N                   accept, hand the socket to a new connection
 * </pre>
 * <pre>
 *            Protocol                                     Rooms (state)
 * version 1  echoes each line; /join ROOM                 each member's room
 * version 2  NICK: line to the room; /nick NAME           each member's room and nick (codeChange converts)
 * version 3  and /who                                     and a count of log entries (structural, default 0);
 *                                                          logs join, nick, who, leave
 * </pre>
 * Connection, Acceptor and the supervisors never change, so no upgrade touches the processes
 * that hold the sockets: a connection waits in {@code Proc.receive}, between two lines it has
 * no frame of any version on its stack, and its next line runs the newest Protocol.
 */
package dev.graft.examples.chat;
