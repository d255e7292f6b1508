/**
 * Gradle dependency configurations and the Maven-style scope each maps to, so that Maven and
 * Gradle dependencies report the same scope vocabulary (`compile`, `provided`, `runtime`,
 * `test`, `annotation-processor`).
 *
 * Sources: Gradle user manual, "The Java Library Plugin" and "The Java Plugin" (dependency
 * configurations, including the `compile`/`runtime`/`testCompile`/`testRuntime` configurations
 * removed in Gradle 7 that old builds still use); "The War Plugin" (`providedCompile`,
 * `providedRuntime`); Spring Boot Gradle plugin reference (`developmentOnly`,
 * `testAndDevelopmentOnly`); Kotlin kapt and KSP docs (`kapt`, `ksp`); Android Gradle plugin
 * (`androidTestImplementation`).
 */

/** Scope of each configuration name declared in a `dependencies { }` block. */
export const GRADLE_CONFIGURATION_SCOPES: Readonly<Record<string, string>> = {
  implementation: 'compile',
  api: 'compile',
  compile: 'compile',
  compileOnly: 'provided',
  compileOnlyApi: 'provided',
  providedCompile: 'provided',
  providedRuntime: 'provided',
  runtimeOnly: 'runtime',
  runtime: 'runtime',
  developmentOnly: 'runtime',
  testAndDevelopmentOnly: 'test',
  testImplementation: 'test',
  testCompileOnly: 'test',
  testRuntimeOnly: 'test',
  testCompile: 'test',
  testRuntime: 'test',
  testFixturesImplementation: 'test',
  testFixturesApi: 'test',
  testFixturesCompileOnly: 'test',
  testFixturesRuntimeOnly: 'test',
  androidTestImplementation: 'test',
  annotationProcessor: 'annotation-processor',
  testAnnotationProcessor: 'annotation-processor',
  kapt: 'annotation-processor',
  kaptTest: 'annotation-processor',
  ksp: 'annotation-processor',
  kspTest: 'annotation-processor',
};

/**
 * Configurations of custom test source sets (`integrationTestImplementation`,
 * `itRuntimeOnly`): a source-set prefix naming tests, then a standard configuration suffix.
 */
const TEST_SOURCE_SET_CONFIGURATION =
  /^(?:[a-z]*[Tt]est[A-Za-z]*|it)(?:Implementation|Api|CompileOnly|RuntimeOnly)$/;

/** The scope of a configuration name, or null when the name is not a dependency configuration. */
export function scopeOfConfiguration(name: string): string | null {
  if (Object.hasOwn(GRADLE_CONFIGURATION_SCOPES, name)) return GRADLE_CONFIGURATION_SCOPES[name] ?? null;
  return TEST_SOURCE_SET_CONFIGURATION.test(name) ? 'test' : null;
}
