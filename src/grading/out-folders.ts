/**
 * Where the instructor's files of every team go: OUT/.instructor/<team>/. A team name
 * (^[a-z0-9_-]+$) never starts with a dot, so no team's folder can be this one or inside it;
 * and a dot-folder is left out of a shell's `*`, of `ls` and of most archive tools' defaults, so
 * returning OUT/<team>/ (or OUT/*) to students never carries it along.
 *
 * A module of its own, without imports: the terminal's progress lines name it, and loading
 * team-output.ts for it would load the reports, the figures and the schemas with it.
 */
export const INSTRUCTOR_FOLDER = ".instructor";
