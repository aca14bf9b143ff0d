// Checks what graft:release and graft:upgrade built for the two versions of shop.
def v1 = new File(basedir, 'v1/target/graft')
def v2 = new File(basedir, 'v2/target/graft')
def exists = { File root, String path ->
    def f = new File(root, path)
    assert f.exists() : "missing ${f}"
    f
}
exists(v1, 'bin/graft')
assert exists(v1, 'bin/graft').canExecute()
assert exists(v1, 'lib/graft').list().any { it.startsWith('graft-runtime') }
assert exists(v1, 'lib/shop-1.0/ebin/shop.app').text.contains("{modules,['shop.Counter','shop.ShopApp']}")
exists(v1, 'lib/shop-1.0/classes/shop/Counter$State.class')
exists(v1, 'releases/1/shop.rel')
exists(v1, 'releases/shop-1.zip')

def appup = exists(v2, 'lib/shop-2.0/ebin/shop.appup').text
assert appup.contains("{add_module,'shop.Names'}") : appup
assert appup.contains("{update,'shop.Counter',{advanced,[]},['shop.Names']}") : appup
def relup = exists(v2, 'releases/2/relup').text
assert relup.contains("{code_change,up,[{'shop.Counter',[]}]}") : relup
assert relup.contains("{code_change,down,[{'shop.Counter',[]}]}") : relup
def zip = new java.util.zip.ZipFile(exists(v2, 'releases/shop-2.zip'))
assert zip.getEntry('releases/2/SHA256SUMS') != null
assert zip.getEntry('lib/shop-2.0/ebin/shop.appup') != null
zip.close()

def log = new File(basedir, 'build.log').text
assert log.contains('Upgrade plan: shop 1 -> 2')
assert log.contains('state shape Counter.State: (int count) -> (int count, List<String> log)')

// The user's path, end to end, through release 1's own launcher: unpack release 1 into its
// release directory, start the node, upgrade it live to release 2 (built with the appups the
// plugin generated), downgrade it back, look inside with the remote console, stop it.
def graft = { List<String> args, String stdin = '' ->
    def pb = new ProcessBuilder(['sh', new File(v1, 'bin/graft').path] + args)
    pb.environment().put('JAVA_HOME', System.getProperty('java.home'))
    pb.redirectErrorStream(true)
    def p = pb.start()
    p.outputStream.withWriter { it << stdin }
    def out = p.inputStream.text
    [p.waitFor(), out]
}
def ok = { List<String> args, String stdin = '' ->
    def (code, out) = graft(args, stdin)
    println "graft ${args.join(' ')} -> ${code}\n${out}"
    assert code == 0 : "graft ${args.join(' ')} exited ${code}:\n${out}"
    out
}
ok(['unpack', new File(v1, 'releases/shop-1.zip').path])
ok(['start'])
try {
    assert ok(['ping']).trim() == 'pong'
    ok(['eval', 'GenServer.call("counter", "bump")'])
    ok(['eval', 'GenServer.call("counter", "bump")'])
    assert ok(['eval', 'getState("counter")']).contains('State[count=2]')

    def upgrade = ok(['upgrade', new File(v2, 'releases/shop-2.zip').path])
    assert upgrade.contains('code change shop.Counter') : upgrade
    assert ok(['eval', 'getState("counter")']).contains('State[count=2, log=[]]')
    assert ok(['eval', 'GenServer.call("counter", "bump")']).contains('"count 3"')
    assert ok(['releases']).contains('permanent')

    ok(['downgrade', '1'])
    assert ok(['eval', 'getState("counter")']).contains('State[count=3]')
    assert ok(['eval', 'GenServer.call("counter", "bump")']).contains('4')

    def console = ok(['remote'], 'processes()\n')
    assert console.contains('shop.Counter@') : console
} finally {
    graft(['stop'])
}
def (code, out) = graft(['ping'])
assert code == 3 : "after stop, ping exited ${code}: ${out}"

// And the upgrade tested with the testkit, as a user's test would: its generated round trip —
// boot 1, upgrade to 2, downgrade to 1, upgrade to 2 again — over the same two archives.
def trip = dev.graft.testkit.RoundTrip.between(new File(v1, 'releases/shop-1.zip').toPath(),
        new File(v2, 'releases/shop-2.zip').toPath())
        .given({ node -> node.call('counter', 'bump') } as dev.graft.testkit.RoundTrip.Check)
        .check('1', { node -> assert node.state('counter').toString() == 'State[count=1]' } as dev.graft.testkit.RoundTrip.Check)
        .check('2', { node -> assert node.state('counter').toString() == 'State[count=1, log=[]]' } as dev.graft.testkit.RoundTrip.Check)
        .stateRoundTrips()
        .tests()
try {
    trip.forEach { test ->
        println "round trip: ${test.displayName}"
        test.executable.execute()
    }
} finally {
    trip.close()
}
return true
