package com.degenduel.realtime.node.launch;

/**
 * The live demo page a development gateway serves: where its files are on the classpath and where
 * it is served, for the gateway that serves it and for {@code up}, which prints the link to it.
 * Its files are not part of any role's own jar: clients/typescript's build puts them, with the
 * client's ES module build, in a jar of their own in target/lib, and only a build with npm makes it.
 */
public final class DemoPage {
  /** The classpath folder holding the page's files. */
  public static final String RESOURCES = "degenduel-demo-page/";
  /** The list of the page's files, one path relative to {@link #RESOURCES} a line. */
  public static final String FILE_LIST = RESOURCES + "files.txt";
  /** Its path on the gateway's public port; no WebSocket endpoint lives under it. */
  public static final String PATH = "/demo/";

  private DemoPage() {}

  /** Whether the page's jar is on this process's classpath. */
  public static boolean isBuilt() {
    return DemoPage.class.getClassLoader().getResource(FILE_LIST) != null;
  }
}
