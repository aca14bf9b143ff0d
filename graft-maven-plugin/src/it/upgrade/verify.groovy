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
return true
