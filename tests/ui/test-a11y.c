/* test-a11y.c — the window as a screen reader sees it, and as someone with
 * only a keyboard uses it
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libatspi answers nothing by itself: each of its calls is a synchronous
 * D-Bus call that GTK answers from its main loop. So the window runs in a
 * second process, this program again with --window, which obeys commands
 * read line by line on its standard input ("open ID", "select TEXT", …) and
 * answers each with one line; this process walks the window's tree over
 * AT-SPI, follows the focus by AT-SPI's events and types on the X display
 * with XTest, as a user would. Only the selection is made by script, as a
 * mouse would make it.
 *
 * The accessibility bus is our own: a dbus-daemon and an at-spi2-registryd
 * in a temporary folder, whose address both processes get as
 * AT_SPI_BUS_ADDRESS (WebKit's sandbox binds that folder too). Without
 * them, or without an X display, the test is skipped, never passed.
 *
 * Runs under Xvfb: xvfb-run -a -s "-screen 0 1280x1024x24" test-a11y
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include <atspi/atspi.h>
#include <gio/gunixinputstream.h>
#include <glib/gstdio.h>
#include <X11/Xlib.h>
#include <X11/keysym.h>
#include <X11/extensions/XTest.h>

#include "gloss-ui-test.h"
#include "test-a11y-private.h"

/* libatspi 2.46 declares no cleanup functions. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtspiAccessible, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtspiStateSet, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtspiEventListener, g_object_unref)

#define QUOTE "biggest Internet company in China"
#define OTHER_QUOTE "Alibaba"

/* The window process */

typedef struct
{
  GlossWindow      *window;
  GDataInputStream *input;
  GMainLoop        *loop;
} WindowProcess;

static void read_command (WindowProcess *process);

static gboolean
popover_shown (gpointer data)
{
  GlossAnnotator *annotator = _gloss_window_get_annotator (data);

  return annotator != NULL &&
         gtk_widget_get_mapped (GTK_WIDGET (gloss_annotator_get_popover (annotator)));
}

static void
run_command (WindowProcess *process,
             const char    *line)
{
  g_autofree char *verb = NULL;
  const char *arg = strchr (line, ' ');

  verb = arg ? g_strndup (line, arg - line) : g_strdup (line);
  arg = arg ? arg + 1 : "";

  if (g_str_equal (verb, "open"))
    {
      g_assert_true (gloss_window_open_article (process->window, arg));
      gloss_ui_test_wait_article (process->window, arg);
    }
  else if (g_str_equal (verb, "select"))
    {
      /* As a mouse would, but the rest is done with the keyboard. */
      GlossHighlighter *highlighter = _gloss_window_get_highlighter (process->window);

      gtk_widget_grab_focus (GTK_WIDGET (gloss_highlighter_get_view (highlighter)));
      gloss_ui_test_select_text (process->window, arg);
      gloss_test_wait_until (popover_shown, process->window, 10, "the highlight popover");
    }
  else if (g_str_equal (verb, "highlight"))
    {
      g_auto(GStrv) parts = g_strsplit (arg, " ", 2);

      g_free (gloss_ui_test_highlight (process->window, parts[1], parts[0]));
    }
  else if (g_str_equal (verb, "quit"))
    {
      g_main_loop_quit (process->loop);
      return;
    }
  else
    {
      g_error ("Unknown command %s", line);
    }
  g_print ("ok\n");
  read_command (process);
}

static void
on_line (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  WindowProcess *process = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result, NULL,
                                                    &error);
  g_assert_no_error (error);
  if (line == NULL)
    {
      /* The test is gone. */
      g_main_loop_quit (process->loop);
      return;
    }
  run_command (process, line);
}

static void
read_command (WindowProcess *process)
{
  g_data_input_stream_read_line_async (process->input, G_PRIORITY_DEFAULT, NULL, on_line, process);
}

static int
window_process_main (int    argc,
                     char **argv)
{
  g_autoptr(GInputStream) stdin_stream = NULL;
  WindowProcess process = { NULL };
  const char *bus = g_getenv ("GLOSS_TEST_AT_SPI_BUS");
  const char *library = argv[2];

  g_assert_nonnull (bus);
  gloss_ui_test_init (&argc, &argv, "test-a11y");
  /* gloss_ui_test_init () points WebKit at a dead bus; this one lives. */
  g_setenv ("AT_SPI_BUS_ADDRESS", bus, TRUE);
  gloss_ui_test_reset_settings ();
  setvbuf (stdout, NULL, _IOLBF, 0);

  process.window = gloss_ui_test_open_window (library);
  stdin_stream = g_unix_input_stream_new (0, FALSE);
  process.input = g_data_input_stream_new (stdin_stream);
  process.loop = g_main_loop_new (NULL, FALSE);
  g_print ("ok\n");
  read_command (&process);
  g_main_loop_run (process.loop);

  gloss_ui_test_close_window (process.window);
  g_object_unref (process.input);
  g_main_loop_unref (process.loop);
  return 0;
}

/* The window, in its own process */

typedef struct
{
  GSubprocess      *process;
  GOutputStream    *input;
  GDataInputStream *output;
  char             *stderr_path;
  char             *pid;
} Remote;

typedef struct
{
  gboolean  done;
  char     *line;
} LineWait;

static void
on_reply (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  LineWait *wait = user_data;

  wait->line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result,
                                                          NULL, NULL);
  wait->done = TRUE;
}

static char *
window_stderr (Remote *window)
{
  char *text = NULL;

  if (!g_file_get_contents (window->stderr_path, &text, NULL, NULL))
    return g_strdup ("");
  return text;
}

/* Sends @command and waits for the window process to have done it. */
static void
window_do (Remote     *window,
           const char *command)
{
  g_autofree char *line = g_strconcat (command, "\n", NULL);
  LineWait wait = { FALSE, NULL };

  if (command != NULL)
    g_assert_true (g_output_stream_write_all (window->input, line, strlen (line), NULL, NULL,
                                              NULL));
  /* Lines of g_test_init ()'s ("# random seed: …") come first. */
  do
    {
      g_clear_pointer (&wait.line, g_free);
      wait.done = FALSE;
      g_data_input_stream_read_line_async (window->output, G_PRIORITY_DEFAULT, NULL, on_reply,
                                           &wait);
      gloss_test_wait (&wait.done, 90, command ? command : "the window to open");
    }
  while (wait.line != NULL && wait.line[0] == '#');
  if (g_strcmp0 (wait.line, "ok") != 0)
    {
      g_autofree char *err = window_stderr (window);

      g_error ("The window process failed at “%s” (said “%s”):\n%s",
               command ? command : "start", wait.line ? wait.line : "nothing", err);
    }
  g_free (wait.line);
}

static Remote *
window_start (const char *bus,
              const char *library)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);
  Remote *window = g_new0 (Remote, 1);
  int fd;

  fd = g_file_open_tmp ("test-a11y-stderr-XXXXXX", &window->stderr_path, &error);
  g_assert_no_error (error);
  close (fd);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_stderr_file_path (launcher, window->stderr_path);
  g_subprocess_launcher_set_child_setup (launcher, die_with_test, NULL, NULL);
  g_subprocess_launcher_setenv (launcher, "GLOSS_TEST_AT_SPI_BUS", bus, TRUE);
  g_subprocess_launcher_setenv (launcher, "GTK_A11Y", "atspi", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "NO_AT_BRIDGE");
  window->process = g_subprocess_launcher_spawn (launcher, &error, self_path, "--window",
                                                 library, NULL);
  g_assert_no_error (error);
  window->pid = g_strdup (g_subprocess_get_identifier (window->process));
  window->input = g_object_ref (g_subprocess_get_stdin_pipe (window->process));
  window->output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (window->process));
  window_do (window, NULL);
  return window;
}

/* Closes the window; fails the test if it crashed or printed a warning or
 * a critical (the window process itself aborts on its own, as every GLib
 * test program does; this catches WebKit's processes too). */
static void
window_stop (Remote *window)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;

  g_assert_true (g_output_stream_write_all (window->input, "quit\n", 5, NULL, NULL, NULL));
  g_output_stream_close (window->input, NULL, NULL);
  g_subprocess_wait (window->process, NULL, &error);
  g_assert_no_error (error);
  err = window_stderr (window);
  if (*err != '\0')
    g_test_message ("The window process printed:\n%s", err);
  g_assert_true (g_subprocess_get_if_exited (window->process));
  g_assert_cmpint (g_subprocess_get_exit_status (window->process), ==, 0);
  g_assert_null (strstr (err, "-WARNING **"));
  g_assert_null (strstr (err, "-CRITICAL **"));
  g_unlink (window->stderr_path);
  g_object_unref (window->process);
  g_object_unref (window->input);
  g_object_unref (window->output);
  g_free (window->stderr_path);
  g_free (window->pid);
  g_free (window);
}

/* The tree, over AT-SPI */

typedef struct
{
  AtspiRole  role;
  char      *name;
  char      *path;       /* "frame/panel/…", for messages */
  gboolean   showing;
  gboolean   focused;
  gboolean   focusable;
  gboolean   pressed;    /* pressed or checked */
  gboolean   sensitive;
} Node;

static void
node_free (Node *node)
{
  g_free (node->name);
  g_free (node->path);
  g_free (node);
}

static void
walk (AtspiAccessible *accessible,
      const char      *parent_path,
      gboolean         parent_showing,
      guint            depth,
      GPtrArray       *nodes)
{
  g_autoptr(AtspiStateSet) states = atspi_accessible_get_state_set (accessible);
  g_autofree char *role_name = atspi_accessible_get_role_name (accessible, NULL);
  Node *node = g_new0 (Node, 1);
  int n;

  node->role = atspi_accessible_get_role (accessible, NULL);
  node->name = atspi_accessible_get_name (accessible, NULL);
  if (node->name == NULL)
    node->name = g_strdup ("");
  node->path = parent_path ? g_strdup_printf ("%s / %s “%s”", parent_path, role_name, node->name)
                           : g_strdup_printf ("%s “%s”", role_name, node->name);
  /* GTK 4.8 says "showing" of windows only, "visible" of every widget
   * whose :visible is set: visible up to the window is as near as it
   * gets (a hidden page of a stack counts as showing, so it is checked too). */
  node->showing = atspi_state_set_contains (states, ATSPI_STATE_SHOWING) ||
                  (parent_showing && atspi_state_set_contains (states, ATSPI_STATE_VISIBLE));
  node->focused = atspi_state_set_contains (states, ATSPI_STATE_FOCUSED);
  node->focusable = atspi_state_set_contains (states, ATSPI_STATE_FOCUSABLE);
  node->sensitive = atspi_state_set_contains (states, ATSPI_STATE_SENSITIVE);
  node->pressed = atspi_state_set_contains (states, ATSPI_STATE_PRESSED) ||
                  atspi_state_set_contains (states, ATSPI_STATE_CHECKED);
  g_ptr_array_add (nodes, node);

  if (depth > 64)
    return;
  n = atspi_accessible_get_child_count (accessible, NULL);
  for (int i = 0; i < n; i++)
    {
      g_autoptr(AtspiAccessible) child = atspi_accessible_get_child_at_index (accessible, i, NULL);

      if (child != NULL)
        walk (child, node->path, node->showing, depth + 1, nodes);
    }
}

static AtspiAccessible *
find_application (Remote *window)
{
  g_autoptr(AtspiAccessible) desktop = atspi_get_desktop (0);
  int n = atspi_accessible_get_child_count (desktop, NULL);
  guint pid = g_ascii_strtoull (window->pid, NULL, 10);

  for (int i = 0; i < n; i++)
    {
      g_autoptr(AtspiAccessible) app = atspi_accessible_get_child_at_index (desktop, i, NULL);

      if (app != NULL && (guint) atspi_accessible_get_process_id (app, NULL) == pid)
        return g_steal_pointer (&app);
    }
  return NULL;
}

/* Every accessible of the window process, read now (nothing cached). */
static GPtrArray *
read_tree (Remote *window)
{
  g_autoptr(AtspiAccessible) app = find_application (window);
  GPtrArray *nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) node_free);

  if (app == NULL)
    return nodes;
  atspi_accessible_set_cache_mask (app, ATSPI_CACHE_NONE);
  atspi_accessible_clear_cache (app);
  walk (app, NULL, TRUE, 0, nodes);
  return nodes;
}

static void
dump_tree (GPtrArray *nodes)
{
  for (guint i = 0; i < nodes->len; i++)
    {
      Node *node = nodes->pdata[i];

      if (node->showing)
        g_test_message ("%s%s%s", node->path, node->focused ? " [focused]" : "",
                        node->pressed ? " [pressed]" : "");
    }
}

static Node *
find_node (GPtrArray  *nodes,
           AtspiRole   role,
           const char *name)
{
  for (guint i = 0; i < nodes->len; i++)
    {
      Node *node = nodes->pdata[i];

      if (node->showing && node->role == role && g_strcmp0 (node->name, name) == 0)
        return node;
    }
  return NULL;
}

/* GTK 4.8 names a button with a mnemonic by its label twice, once with the
 * underscore ("_Copy Copy"): whether @word is in the name. */
static Node *
find_node_naming (GPtrArray  *nodes,
                  AtspiRole   role,
                  const char *word)
{
  for (guint i = 0; i < nodes->len; i++)
    {
      Node *node = nodes->pdata[i];

      if (node->showing && node->role == role && strstr (node->name, word) != NULL)
        return node;
    }
  return NULL;
}

static Node *
focused_node (GPtrArray *nodes)
{
  for (guint i = 0; i < nodes->len; i++)
    {
      Node *node = nodes->pdata[i];

      if (node->focused)
        return node;
    }
  return NULL;
}

typedef struct
{
  Remote     *window;
  AtspiRole   role;
  const char *name;
  gboolean    focused;    /* also wait for it to have the focus */
  GPtrArray  *nodes;
} NodeWait;

static gboolean
node_shown (gpointer data)
{
  NodeWait *wait = data;
  Node *node;

  g_clear_pointer (&wait->nodes, g_ptr_array_unref);
  wait->nodes = read_tree (wait->window);
  node = find_node (wait->nodes, wait->role, wait->name);
  return node != NULL && (!wait->focused || node->focused);
}

/* Like gloss_test_wait_until (), but says whether @predicate came to hold
 * within @seconds instead of failing, so the caller can say what it saw. */
static gboolean
poll_until (GlossTestPredicate predicate,
            gpointer           data,
            guint              seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (!predicate (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      gloss_test_run_for (100);
    }
  return TRUE;
}

/* The tree, once it shows @name with @role; fails after 30 s. */
static GPtrArray *
wait_for_node (Remote     *window,
               AtspiRole   role,
               const char *name,
               gboolean    focused)
{
  NodeWait wait = { window, role, name, focused, NULL };
  g_autofree char *what = g_strdup_printf ("“%s” (%s)%s over AT-SPI", name,
                                           atspi_role_get_name (role),
                                           focused ? ", focused," : "");

  if (!poll_until (node_shown, &wait, 30))
    {
      Node *focus = focused_node (wait.nodes);

      dump_tree (wait.nodes);
      g_error ("Waited 30 s for %s; the focus is on %s", what, focus ? focus->path : "nothing");
    }
  return wait.nodes;
}

/* Controls that a screen reader announces by name only. */
static gboolean
needs_name (AtspiRole role)
{
  switch (role)
    {
    case ATSPI_ROLE_PUSH_BUTTON:
    case ATSPI_ROLE_TOGGLE_BUTTON:
    case ATSPI_ROLE_CHECK_BOX:
    case ATSPI_ROLE_RADIO_BUTTON:
    case ATSPI_ROLE_COMBO_BOX:
    case ATSPI_ROLE_ENTRY:
    case ATSPI_ROLE_PASSWORD_TEXT:
    case ATSPI_ROLE_TEXT:
    case ATSPI_ROLE_SPIN_BUTTON:
    case ATSPI_ROLE_SLIDER:
    case ATSPI_ROLE_LIST:
    case ATSPI_ROLE_LIST_BOX:
    case ATSPI_ROLE_LIST_ITEM:
    case ATSPI_ROLE_MENU_ITEM:
    case ATSPI_ROLE_CHECK_MENU_ITEM:
    case ATSPI_ROLE_RADIO_MENU_ITEM:
    case ATSPI_ROLE_TREE:
    case ATSPI_ROLE_TREE_TABLE:
    case ATSPI_ROLE_TABLE:
    case ATSPI_ROLE_FRAME:
    case ATSPI_ROLE_DIALOG:
      return TRUE;
    default:
      return FALSE;
    }
}

/* GTK 4.8 names what has no name after its type: "GtkImage" for a button
 * that shows an icon. */
static gboolean
has_name (Node *node)
{
  g_autofree char *name = g_strstrip (g_strdup (node->name));

  return *name != '\0' &&
         !g_regex_match_simple ("^(Gtk|Adw|Gloss|WebKit)[A-Z][A-Za-z0-9]*$", name, 0, 0);
}

/* Fails, listing them all, when a control that is showing has no name. */
static void
assert_all_named (GPtrArray  *nodes,
                  const char *where)
{
  g_autoptr(GString) unnamed = g_string_new (NULL);

  for (guint i = 0; i < nodes->len; i++)
    {
      Node *node = nodes->pdata[i];

      if (node->showing && needs_name (node->role) && !has_name (node))
        g_string_append_printf (unnamed, "\n  %s", node->path);
    }
  if (unnamed->len > 0)
    {
      dump_tree (nodes);
      g_error ("Controls with no accessible name in %s:%s", where, unnamed->str);
    }
}

static guint
count_role (GPtrArray *nodes,
            AtspiRole  role)
{
  guint n = 0;

  for (guint i = 0; i < nodes->len; i++)
    if (((Node *) nodes->pdata[i])->showing && ((Node *) nodes->pdata[i])->role == role)
      n++;
  return n;
}

/* The keyboard, through XTest as a user's */

static Display *xdisplay;

static void
press (const char *keys)
{
  g_auto(GStrv) parts = g_strsplit (keys, "+", -1);
  guint n = g_strv_length (parts);
  KeyCode codes[8];

  g_assert_cmpuint (n, <=, G_N_ELEMENTS (codes));
  for (guint i = 0; i < n; i++)
    {
      KeySym sym = XStringToKeysym (parts[i]);

      g_assert_cmpuint (sym, !=, NoSymbol);
      codes[i] = XKeysymToKeycode (xdisplay, sym);
      g_assert_cmpuint (codes[i], !=, 0);
    }
  for (guint i = 0; i < n; i++)
    XTestFakeKeyEvent (xdisplay, codes[i], True, CurrentTime);
  for (guint i = n; i > 0; i--)
    XTestFakeKeyEvent (xdisplay, codes[i - 1], False, CurrentTime);
  XFlush (xdisplay);
  /* Let GTK take it before the next: key repeat and ordering need it. */
  gloss_test_run_for (150);
}

/* Where the focus is, from AT-SPI's focus events: reading the whole tree
 * after each key would take seconds. */
static AtspiAccessible *focus;
static guint focus_serial;

static void
on_focus_event (AtspiEvent *event,
                gpointer    user_data)
{
  if (event->detail1 == 0 || event->source == NULL)
    return;
  g_set_object (&focus, event->source);
  focus_serial++;
}

static gboolean
focus_moved (gpointer data)
{
  return focus_serial != GPOINTER_TO_UINT (data);
}

/* Presses @keys until the focus is on @name (any name if NULL) with @role,
 * at most @max times; returns the name of what has the focus then. */
static char *
press_until_focused (const char *keys,
                     guint       max,
                     AtspiRole   role,
                     const char *name)
{
  g_autoptr(GString) visited = g_string_new (NULL);

  for (guint i = 0; i <= max; i++)
    {
      g_autofree char *focus_name = focus ? atspi_accessible_get_name (focus, NULL) : NULL;
      AtspiRole focus_role = focus ? atspi_accessible_get_role (focus, NULL) : ATSPI_ROLE_INVALID;

      if (focus != NULL && focus_role == role && (name == NULL || g_strcmp0 (focus_name, name) == 0))
        return g_steal_pointer (&focus_name);
      g_string_append_printf (visited, "\n  %s “%s”", atspi_role_get_name (focus_role),
                              focus_name ? focus_name : "");
      if (i < max)
        {
          guint serial = focus_serial;

          press (keys);
          /* A key that moves the focus nowhere (the end of a chain) is no failure yet. */
          poll_until (focus_moved, GUINT_TO_POINTER (serial), 3);
        }
    }
  g_error ("%u × %s never reached “%s” (%s); the focus went to:%s", max, keys,
           name ? name : "any", atspi_role_get_name (role), visited->str);
  return NULL;
}

static gboolean
node_gone (gpointer data)
{
  NodeWait *wait = data;

  g_clear_pointer (&wait->nodes, g_ptr_array_unref);
  wait->nodes = read_tree (wait->window);
  return find_node (wait->nodes, wait->role, wait->name) == NULL;
}

/* The tree, once it no longer shows @name with @role. */
static GPtrArray *
wait_until_gone (Remote     *window,
                  AtspiRole   role,
                  const char *name)
{
  NodeWait wait = { window, role, name, FALSE, NULL };

  if (!poll_until (node_gone, &wait, 30))
    {
      dump_tree (wait.nodes);
      g_error ("“%s” (%s) still shows after 30 s", name, atspi_role_get_name (role));
    }
  return wait.nodes;
}

/* libatspi, in this process, warns of each application that keeps no
 * cache of its tree (WebKit's web process): that is libatspi's business,
 * not a fault of the window, so it is said but not fatal. */
static gboolean
is_atspi_warning (const char     *log_domain,
                  GLogLevelFlags  log_level)
{
  return g_strcmp0 (log_domain, "dbind") == 0 && (log_level & G_LOG_LEVEL_WARNING) != 0;
}

static gboolean
log_is_fatal (const char     *log_domain,
              GLogLevelFlags  log_level,
              const char     *message,
              gpointer        user_data)
{
  return !is_atspi_warning (log_domain, log_level);
}

/* Instead of GTest's handler, which says "Bail out!" to TAP. */
static void
log_atspi_warning (const char     *log_domain,
                   GLogLevelFlags  log_level,
                   const char     *message,
                   gpointer        user_data)
{
  g_test_message ("libatspi: %s", message);
}

/* The test */

static const char * const color_names[] = { "Yellow", "Green", "Blue", "Pink", "Purple" };

static void
assert_colors (GPtrArray  *nodes,
               const char *current)
{
  for (guint i = 0; i < G_N_ELEMENTS (color_names); i++)
    {
      /* GTK 4.8 has no toggle-button role: a button that is pressed or not. */
      Node *node = find_node (nodes, ATSPI_ROLE_PUSH_BUTTON, color_names[i]);

      if (node == NULL)
        {
          dump_tree (nodes);
          g_error ("No button “%s” in the highlight popover", color_names[i]);
        }
      if (node->pressed != (g_strcmp0 (current, color_names[i]) == 0))
        {
          dump_tree (nodes);
          g_error ("“%s” is %s, the current colour being %s", color_names[i],
                   node->pressed ? "pressed" : "not pressed", current ? current : "none");
        }
    }
}

static gboolean
disk_has_green (gpointer data)
{
  g_autoptr(GlossSidecar) sidecar = NULL;
  GlossAnnotation *annotation;

  if (!g_file_test (data, G_FILE_TEST_EXISTS) || (sidecar = gloss_sidecar_load (data, NULL)) == NULL)
    return FALSE;
  annotation = gloss_test_find_by_exact (sidecar, QUOTE);
  return annotation != NULL && g_strcmp0 (annotation->color, "green") == 0;
}

static void
test_window (void)
{
  g_autoptr(GlossTestServer) server = NULL;
  g_autoptr(A11yBus) bus = NULL;
  g_autofree char *why = NULL;
  g_autofree char *library = NULL;
  g_autofree char *seed = NULL;
  g_autofree char *full = NULL;
  g_autofree char *command = NULL;
  g_autofree char *archive = NULL;
  g_autofree char *sidecar = NULL;
  guint serial;
  g_autoptr(AtspiEventListener) listener = NULL;
  g_autoptr(GPtrArray) nodes = NULL;
  Remote *window;

  if (g_getenv ("DISPLAY") == NULL || (xdisplay = XOpenDisplay (NULL)) == NULL)
    {
      g_test_skip ("No X display: run under xvfb-run");
      return;
    }
  {
    int event_base, error_base, major, minor;

    if (!XTestQueryExtension (xdisplay, &event_base, &error_base, &major, &minor))
      {
        g_test_skip ("The X server has no XTEST extension to type with");
        return;
      }
  }
  bus = a11y_bus_start (&why);
  if (bus == NULL)
    {
      g_autofree char *message = g_strdup_printf ("No accessibility bus: %s", why);

      g_test_skip (message);
      return;
    }
  g_setenv ("AT_SPI_BUS_ADDRESS", bus->address, TRUE);
  /* Each test case starts with no fatal handler. */
  g_test_log_set_fatal_handler (log_is_fatal, NULL);
  g_assert_cmpint (atspi_init (), ==, 0);
  listener = atspi_event_listener_new (on_focus_event, NULL, NULL);
  g_assert_true (atspi_event_listener_register (listener, "object:state-changed:focused", NULL));

  server = gloss_test_server_new ();
  library = gloss_test_library_new ();
  seed = gloss_test_library_clip (library, server, "/seed.html", GLOSS_CLIP_MODE_READER);
  full = gloss_test_library_clip (library, server, "/full.html", GLOSS_CLIP_MODE_FULL);
  archive = gloss_test_library_archive_path (library, seed);
  sidecar = gloss_library_sidecar_path (archive);

  window = window_start (bus->address, library);

  /* The window: a title, a library list of named articles, named controls */
  g_clear_pointer (&nodes, g_ptr_array_unref);
  nodes = wait_for_node (window, ATSPI_ROLE_LIST, "Articles", FALSE);
  assert_all_named (nodes, "the window");
  g_assert_nonnull (find_node (nodes, ATSPI_ROLE_FRAME, "Gloss"));
  g_assert_cmpuint (count_role (nodes, ATSPI_ROLE_LIST_ITEM), >=, 2);

  /* An article opened with the keyboard alone, from the library list */
  g_free (press_until_focused ("Tab", 12, ATSPI_ROLE_LIST_ITEM, NULL));
  press ("Return");

  command = g_strconcat ("open ", seed, NULL);
  window_do (window, command);
  g_clear_pointer (&nodes, g_ptr_array_unref);
  nodes = read_tree (window);
  assert_all_named (nodes, "the window with an article open");

  /* The highlight popover for a selection: five named colours, none current */
  window_do (window, "select " QUOTE);
  g_clear_pointer (&nodes, g_ptr_array_unref);
  nodes = wait_for_node (window, ATSPI_ROLE_PUSH_BUTTON, "Yellow", FALSE);
  assert_all_named (nodes, "the highlight popover");
  assert_colors (nodes, NULL);

  /* …which the keyboard reaches: Ctrl+Return, its focus on the first colour */
  press ("Control_L+Return");
  g_clear_pointer (&nodes, g_ptr_array_unref);
  nodes = wait_for_node (window, ATSPI_ROLE_PUSH_BUTTON, "Yellow", TRUE);
  assert_all_named (nodes, "the highlight popover, focused");
  g_assert_nonnull (find_node_naming (nodes, ATSPI_ROLE_PUSH_BUTTON, "Copy"));
  /* Tab to Green, Return: highlighted in green */
  g_free (press_until_focused ("Tab", 1, ATSPI_ROLE_PUSH_BUTTON, "Green"));
  press ("Return");
  gloss_test_wait_until (disk_has_green, sidecar, 30, "the green highlight in the sidecar");

  /* The popover of that highlight, from the keyboard: Green is the current one */
  press ("Alt_L+Down");
  press ("Control_L+Return");
  g_clear_pointer (&nodes, g_ptr_array_unref);
  nodes = wait_for_node (window, ATSPI_ROLE_PUSH_BUTTON, "Green", TRUE);
  assert_all_named (nodes, "the popover of a highlight");
  assert_colors (nodes, "Green");
  g_assert_nonnull (find_node_naming (nodes, ATSPI_ROLE_PUSH_BUTTON, "Delete"));
  press ("Escape");
  g_clear_pointer (&nodes, g_ptr_array_unref);
  nodes = wait_until_gone (window, ATSPI_ROLE_PUSH_BUTTON, "Green");

  /* The notes pane: Ctrl+Shift+N takes the focus to it, Tab through it */
  serial = focus_serial;
  press ("Control_L+Shift_L+n");
  poll_until (focus_moved, GUINT_TO_POINTER (serial), 5);
  g_clear_pointer (&nodes, g_ptr_array_unref);
  nodes = wait_for_node (window, ATSPI_ROLE_LIST, "Highlights", FALSE);
  assert_all_named (nodes, "the notes pane");
  g_assert_cmpuint (count_role (nodes, ATSPI_ROLE_LIST_ITEM), >=, 3);
  g_free (press_until_focused ("Tab", 0, ATSPI_ROLE_TEXT, "Page Note"));
  g_free (press_until_focused ("Tab", 1, ATSPI_ROLE_TEXT, "Tags"));
  g_free (press_until_focused ("Tab", 1, ATSPI_ROLE_ENTRY, "Search Notes"));
  g_free (press_until_focused ("Tab", 2, ATSPI_ROLE_PUSH_BUTTON, "Colour"));
  /* …and the note of the highlight, in its row of the list */
  g_free (press_until_focused ("Tab", 1, ATSPI_ROLE_TEXT, "Note"));

  window_stop (window);
  atspi_event_listener_deregister (listener, "object:state-changed:focused", NULL);
  g_clear_object (&focus);
  gloss_test_library_free (g_steal_pointer (&library));
  g_clear_pointer (&xdisplay, XCloseDisplay);
}

int
main (int    argc,
      char **argv)
{
  if (argc > 2 && g_str_equal (argv[1], "--window"))
    return window_process_main (argc, argv);

  g_test_init (&argc, &argv, NULL);
  g_log_set_handler ("dbind", G_LOG_LEVEL_WARNING | G_LOG_FLAG_FATAL, log_atspi_warning, NULL);
  g_test_add_func ("/a11y/window", test_window);
  return g_test_run ();
}
