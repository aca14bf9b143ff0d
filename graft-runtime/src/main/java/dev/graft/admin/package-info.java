/**
 * The admin channel (DESIGN decision 9): how the {@code graft} command, its consoles and its
 * one-shot evals reach a running node, and the node's main that opens it.
 *
 * <pre>
 * graft (dev.graft.cli)                       node JVM (NodeMain)
 *   AdminClient  ── AdminProtocol lines ──▶  AdminServer ─ AdminConnection ─▶ NodeAdmin ─▶ ReleaseHandler
 *                                                             └─ ConsoleSession (jshell) ─▶ evaluator process
 * </pre>
 *
 * <p><b>Who may drive a node.</b> The channel lives in the release root's admin directory
 * ({@link dev.graft.admin.AdminDir}, {@code ROOT/run}), which the node creates with mode 0700
 * and refuses to use if anyone else can open it or another user owns it. By default it is a
 * Unix-domain socket (0600) in that directory: only the owner can reach it, and where the JDK
 * can ask the kernel for the peer's credentials ({@code SO_PEERCRED}) a connection from any
 * other user is refused as well. On request ({@code --admin tcp}) it is a loopback TCP port
 * instead, and a client must present the node's cookie, 32 random bytes kept 0600 in the same
 * directory, compared in constant time. A refused client is logged and disconnected before it
 * can send a request. The client checks the same directory and cookie file before it trusts
 * them. Whoever can act as the owning user can drive the node, as with Erlang's cookie file.
 */
package dev.graft.admin;
