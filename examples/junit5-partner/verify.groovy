// Run by the kit's build (maven-invoker-plugin) after the three runs of invoker.properties: the example passes as
// written, and each planted defect fails exactly the tests named after the checks it breaks, no more, no fewer.
import javax.xml.parsers.DocumentBuilderFactory

def results = { String variant ->
    def dir = new File(basedir, "target/surefire-reports/" + variant)
    assert dir.isDirectory() : "no surefire reports for the run '" + variant + "' in " + dir
    def failed = new TreeSet<String>()
    def names = new TreeSet<String>()
    dir.listFiles().findAll { it.name ==~ /TEST-.*\.xml/ }.each { file ->
        def cases = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file).getElementsByTagName("testcase")
        for (int i = 0; i < cases.length; i++) {
            def testcase = cases.item(i)
            // Surefire names a dynamic test "<factory method(parameters)> <display name>"; the id opens the display name.
            def id = testcase.getAttribute("name").split(" ").find { it ==~ /(sso|client)\.[a-z0-9.-]+/ }
            assert id != null : "a test not named after a check: " + testcase.getAttribute("name")
            names << id
            if (testcase.getElementsByTagName("failure").length > 0 || testcase.getElementsByTagName("error").length > 0) {
                failed << id
            }
        }
    }
    [failed, names]
}

def (noneFailed, noneNames) = results("none")
assert noneNames.size() == 46 : "35 /sso checks and 11 client checks, one test each, named by id: " + noneNames
assert noneNames.containsAll(["sso.secret.missing", "client.request-id.present"]) : noneNames
assert noneFailed.isEmpty() : "the example as written fails " + noneFailed

def expected = [
    "sso-secret-missing"  : ["sso.secret.missing"] as TreeSet,
    "client-login-every-call": ["client.token.cached"] as TreeSet,
]
expected.each { variant, ids ->
    def (failed, names) = results(variant)
    assert failed == ids : "defect " + variant + " should fail exactly " + ids + " but failed " + failed
    assert names == noneNames : "every run has the same tests"
}
println "junit5-partner: the example passes; each planted defect fails exactly the tests of the checks it breaks"
return true
