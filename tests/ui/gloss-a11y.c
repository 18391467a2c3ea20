/* gloss-a11y.c — the window's accessible tree as AT-SPI presents it
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <atspi/atspi-constants.h>

#include "gloss-a11y.h"
#include "gloss-test-utils.h"

#define ATSPI_ACCESSIBLE "org.a11y.atspi.Accessible"
#define ATSPI_REGISTRY "org.a11y.atspi.Registry"
#define ATSPI_ROOT "/org/a11y/atspi/accessible/root"

static GDBusConnection *a11y_bus;

gboolean
gloss_a11y_init (GError **error)
{
  g_autoptr(GDBusConnection) session = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, error);
  g_autoptr(GVariant) reply = NULL;
  const char *address;

  if (session == NULL)
    return FALSE;
  reply = g_dbus_connection_call_sync (session, "org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus",
                                       "GetAddress", NULL, G_VARIANT_TYPE ("(s)"),
                                       G_DBUS_CALL_FLAGS_NONE, 10000, NULL, error);
  if (reply == NULL)
    return FALSE;
  g_variant_get (reply, "(&s)", &address);
  a11y_bus = g_dbus_connection_new_for_address_sync (address,
                                                     G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
                                                     | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                     NULL, NULL, error);
  return a11y_bus != NULL;
}

/* Calls, answered by our own main loop */

static void
on_reply (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

static GVariant *
call (const char *name,
      const char *path,
      const char *interface,
      const char *method,
      GVariant   *args,
      const char *type)
{
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  GVariant *reply;

  g_dbus_connection_call (a11y_bus, name, path, interface, method, args,
                          G_VARIANT_TYPE (type), G_DBUS_CALL_FLAGS_NONE, 10000, NULL,
                          on_reply, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  reply = g_dbus_connection_call_finish (a11y_bus, result, &error);
  g_object_unref (result);
  /* An object GTK let go of while the tree was walked (a toast gone, a
   * row made again) is no more: no name, no role, no children. */
  if (reply == NULL && (g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD)
                        || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT)))
    return NULL;
  if (reply == NULL)
    g_error ("AT-SPI %s on %s: %s", method, path, error->message);
  return reply;
}

typedef struct
{
  char *name;
  char *path;
} Ref;

static void
ref_clear (Ref *ref)
{
  g_free (ref->name);
  g_free (ref->path);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Ref, ref_clear)

static GArray *
children_of (const Ref *ref)
{
  g_autoptr(GVariant) reply = call (ref->name, ref->path, ATSPI_ACCESSIBLE, "GetChildren", NULL,
                                    "(a(so))");
  g_autoptr(GVariantIter) iter = NULL;
  GArray *children = g_array_new (FALSE, TRUE, sizeof (Ref));
  Ref child;

  g_array_set_clear_func (children, (GDestroyNotify) ref_clear);
  if (reply == NULL)
    return children;
  g_variant_get (reply, "(a(so))", &iter);
  while (g_variant_iter_next (iter, "(so)", &child.name, &child.path))
    g_array_append_val (children, child);
  return children;
}

static char *
name_of (const Ref *ref)
{
  g_autoptr(GVariant) reply = call (ref->name, ref->path, "org.freedesktop.DBus.Properties", "Get",
                                    g_variant_new ("(ss)", ATSPI_ACCESSIBLE, "Name"), "(v)");
  g_autoptr(GVariant) value = NULL;

  if (reply == NULL)
    return g_strdup ("");
  g_variant_get (reply, "(v)", &value);
  return g_variant_dup_string (value, NULL);
}

static char *
role_of (const Ref *ref)
{
  g_autoptr(GVariant) reply = call (ref->name, ref->path, ATSPI_ACCESSIBLE, "GetRoleName", NULL,
                                    "(s)");
  char *role;

  if (reply == NULL)
    return g_strdup ("");
  g_variant_get (reply, "(s)", &role);
  return role;
}

static gboolean
has_state (GVariant        *states,
           AtspiStateType   state)
{
  guint32 word;

  g_variant_get_child (states, state / 32, "u", &word);
  return (word & (1u << (state % 32))) != 0;
}

static void
read_states (const Ref       *ref,
             GlossAccessible *accessible)
{
  g_autoptr(GVariant) reply = call (ref->name, ref->path, ATSPI_ACCESSIBLE, "GetState", NULL,
                                    "(au)");
  g_autoptr(GVariant) states = NULL;

  if (reply == NULL)
    return;
  states = g_variant_get_child_value (reply, 0);
  accessible->checked = has_state (states, ATSPI_STATE_CHECKED)
                        || has_state (states, ATSPI_STATE_PRESSED);
  accessible->focusable = has_state (states, ATSPI_STATE_FOCUSABLE);
}

/* Finding our window */

static gboolean
is_ours (const char *bus_name)
{
  g_autoptr(GVariant) reply = NULL;
  guint32 pid;

  reply = call ("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                "GetConnectionUnixProcessID", g_variant_new ("(s)", bus_name), "(u)");
  if (reply == NULL)
    return FALSE;
  g_variant_get (reply, "(u)", &pid);
  return pid == (guint32) getpid ();
}

/* The accessible of the application: its children are the toplevels. */
static gboolean
find_application (Ref *application)
{
  Ref registry = { (char *) ATSPI_REGISTRY, (char *) ATSPI_ROOT };
  g_autoptr(GArray) apps = children_of (&registry);

  for (guint i = 0; i < apps->len; i++)
    {
      Ref *app = &g_array_index (apps, Ref, i);

      if (is_ours (app->name))
        {
          application->name = g_strdup (app->name);
          application->path = g_strdup (app->path);
          return TRUE;
        }
    }
  return FALSE;
}

/* The widget tree, as GTK presents it: a hidden widget, or one with no
 * role or a presentational one, is left out with what it holds. */
static gboolean
is_presented (GtkWidget *widget)
{
  GtkAccessibleRole role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget));

  return gtk_widget_get_visible (widget)
         && role != GTK_ACCESSIBLE_ROLE_NONE && role != GTK_ACCESSIBLE_ROLE_PRESENTATION;
}

/* Each with a reference: the bus calls of the walk run the main loop, and
 * a widget may be taken out of the window meanwhile (the tag strip's chips
 * are made again when the library's tags change). */
static GPtrArray *
presented_children (GtkWidget *widget)
{
  GPtrArray *children = g_ptr_array_new_with_free_func (g_object_unref);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (is_presented (child))
      g_ptr_array_add (children, g_object_ref (child));
  return children;
}

/* GTK presents some widgets (a button showing an image) as leaves, and
 * some (a web view) with fewer children than they hold. GTK 4.8 names an
 * accessible with no name of its own by its type: where every child is so
 * named, keeps in @widgets the widgets of those types, in order. FALSE when
 * the children can not be matched: what they hold is then left out. */
static gboolean
align_by_type_name (GArray    *children,
                    GPtrArray *widgets)
{
  g_autoptr(GPtrArray) aligned = g_ptr_array_new_with_free_func (g_object_unref);
  guint next = 0;

  for (guint i = 0; i < children->len; i++)
    {
      g_autofree char *name = name_of (&g_array_index (children, Ref, i));

      while (next < widgets->len && g_strcmp0 (G_OBJECT_TYPE_NAME (widgets->pdata[next]), name) != 0)
        next++;
      if (next == widgets->len)
        return FALSE;
      g_ptr_array_add (aligned, g_object_ref (widgets->pdata[next++]));
    }
  g_ptr_array_set_size (widgets, 0);
  g_ptr_array_extend (widgets, aligned, (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
  return TRUE;
}

static void
walk (GtkWidget *widget,
      const Ref *ref,
      GPtrArray *list)
{
  GlossAccessible *accessible = g_new0 (GlossAccessible, 1);
  g_autoptr(GArray) children = children_of (ref);
  g_autoptr(GPtrArray) widgets = presented_children (widget);

  accessible->widget = g_object_ref (widget);
  accessible->role = role_of (ref);
  accessible->name = name_of (ref);
  read_states (ref, accessible);
  g_ptr_array_add (list, accessible);
  if (children->len != widgets->len && !align_by_type_name (children, widgets))
    return;
  for (guint i = 0; i < children->len; i++)
    /* (Taken out meanwhile: the next look finds what took its place.) */
    if (gtk_widget_get_parent (widgets->pdata[i]) == widget)
      walk (widgets->pdata[i], &g_array_index (children, Ref, i), list);
}

/* The accessible of @toplevel: the application's child named by its title. */
static gboolean
find_toplevel (GtkWidget *toplevel,
               Ref       *ref)
{
  g_auto(Ref) application = { NULL, NULL };
  g_autoptr(GArray) windows = NULL;
  const char *title = gtk_window_get_title (GTK_WINDOW (toplevel));

  if (!find_application (&application))
    return FALSE;
  windows = children_of (&application);
  for (guint i = 0; i < windows->len; i++)
    {
      Ref *window = &g_array_index (windows, Ref, i);
      g_autofree char *name = name_of (window);

      if (g_strcmp0 (name, title) == 0)
        {
          ref->name = g_strdup (window->name);
          ref->path = g_strdup (window->path);
          return TRUE;
        }
    }
  return FALSE;
}

GPtrArray *
gloss_a11y_list (GtkWidget *root)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_accessible_free);
  g_auto(Ref) ref = { NULL, NULL };
  GtkWidget *toplevel = GTK_WIDGET (gtk_widget_get_root (root));

  g_assert_nonnull (a11y_bus);
  /* Empty until GTK has presented the window. */
  if (!find_toplevel (toplevel, &ref))
    return list;
  walk (toplevel, &ref, list);
  if (root != toplevel)
    for (guint i = list->len; i-- > 0;)
      if (!gtk_widget_is_ancestor (((GlossAccessible *) list->pdata[i])->widget, root)
          && ((GlossAccessible *) list->pdata[i])->widget != root)
        g_ptr_array_remove_index (list, i);
  return list;
}

/* GTK 4.8 names a control with a mnemonic label twice, once with the
 * underline: "Add _Note Add Note". Either is the name. */
static gboolean
names_match (const char *name,
             const char *wanted)
{
  size_t length = strlen (name), wanted_length = strlen (wanted);

  return g_strcmp0 (name, wanted) == 0
         || (length == 2 * wanted_length + 2 && strchr (name, '_') != NULL
             && g_str_has_suffix (name, wanted) && name[length - wanted_length - 1] == ' ');
}

GtkWidget *
gloss_a11y_lookup (GtkWidget  *root,
                   const char *role,
                   const char *name)
{
  g_autoptr(GPtrArray) list = gloss_a11y_list (root);

  for (guint i = 0; i < list->len; i++)
    {
      GlossAccessible *accessible = list->pdata[i];

      if (g_str_equal (accessible->role, role) && names_match (accessible->name, name)
          && gtk_widget_get_mapped (accessible->widget))
        return accessible->widget;
    }
  return NULL;
}

static void
dump (GtkWidget *root)
{
  g_autoptr(GPtrArray) list = gloss_a11y_list (root);

  for (guint i = 0; i < list->len; i++)
    {
      GlossAccessible *accessible = list->pdata[i];

      g_printerr ("  %s “%s” (%s%s)\n", accessible->role, accessible->name,
                  G_OBJECT_TYPE_NAME (accessible->widget),
                  gtk_widget_get_mapped (accessible->widget) ? "" : ", not mapped");
    }
}

GtkWidget *
gloss_a11y_find (GtkWidget  *root,
                 const char *role,
                 const char *name)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  GtkWidget *widget;

  while ((widget = gloss_a11y_lookup (root, role, name)) == NULL)
    {
      if (g_get_monotonic_time () > deadline)
        {
          g_printerr ("What AT-SPI presents under the %s:\n", G_OBJECT_TYPE_NAME (root));
          dump (root);
          g_error ("No %s named “%s” in 5 s", role, name);
        }
      gloss_test_run_for (50);
    }
  return widget;
}

void
gloss_accessible_free (GlossAccessible *accessible)
{
  g_clear_object (&accessible->widget);
  g_free (accessible->role);
  g_free (accessible->name);
  g_free (accessible);
}
