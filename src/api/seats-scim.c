/* seats-scim.c: what a SCIM 2.0 service says it can do
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seats-api"

#include "config.h"

#include "seats-scim.h"

G_DEFINE_BOXED_TYPE (SeatsScimConfig, seats_scim_config, seats_scim_config_copy, seats_scim_config_free)

/**
 * seats_scim_config_new:
 *
 * Returns: (transfer full): a service that supports nothing but the core,
 *   with its users at "Users"
 */
SeatsScimConfig *
seats_scim_config_new (void)
{
  SeatsScimConfig *config = g_new0 (SeatsScimConfig, 1);

  config->users_path = g_strdup ("Users");

  return config;
}

SeatsScimConfig *
seats_scim_config_copy (const SeatsScimConfig *config)
{
  SeatsScimConfig *copy;

  g_return_val_if_fail (config != NULL, NULL);

  copy = g_memdup2 (config, sizeof *config);
  copy->users_path = g_strdup (config->users_path);

  return copy;
}

void
seats_scim_config_free (SeatsScimConfig *config)
{
  if (config == NULL)
    return;

  g_free (config->users_path);
  g_free (config);
}

/**
 * seats_scim_config_to_variant:
 *
 * Returns: (transfer floating): the configuration as a{sv}, to keep
 */
GVariant *
seats_scim_config_to_variant (const SeatsScimConfig *config)
{
  GVariantBuilder builder;

  g_return_val_if_fail (config != NULL, NULL);

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sv}"));
  g_variant_builder_add (&builder, "{sv}", "filter", g_variant_new_boolean (config->filter));
  g_variant_builder_add (&builder, "{sv}", "max-results", g_variant_new_uint32 (config->max_results));
  g_variant_builder_add (&builder, "{sv}", "patch", g_variant_new_boolean (config->patch));
  g_variant_builder_add (&builder, "{sv}", "etag", g_variant_new_boolean (config->etag));
  g_variant_builder_add (&builder, "{sv}", "bulk", g_variant_new_boolean (config->bulk));
  g_variant_builder_add (&builder, "{sv}", "bulk-max-operations",
                         g_variant_new_uint32 (config->bulk_max_operations));
  g_variant_builder_add (&builder, "{sv}", "bulk-max-payload", g_variant_new_uint64 (config->bulk_max_payload));
  g_variant_builder_add (&builder, "{sv}", "basic", g_variant_new_boolean (config->basic));
  g_variant_builder_add (&builder, "{sv}", "bearer", g_variant_new_boolean (config->bearer));
  g_variant_builder_add (&builder, "{sv}", "users-path", g_variant_new_string (config->users_path));

  return g_variant_builder_end (&builder);
}

/**
 * seats_scim_config_from_variant:
 * @variant: what seats_scim_config_to_variant() gave, a{sv}
 *
 * What is missing or of another type reads as not supported.
 *
 * Returns: (transfer full): the configuration
 */
SeatsScimConfig *
seats_scim_config_from_variant (GVariant *variant)
{
  SeatsScimConfig *config = seats_scim_config_new ();
  const char *users_path = NULL;

  g_return_val_if_fail (variant != NULL, config);

  if (!g_variant_is_of_type (variant, G_VARIANT_TYPE ("a{sv}")))
    return config;

  g_variant_lookup (variant, "filter", "b", &config->filter);
  g_variant_lookup (variant, "max-results", "u", &config->max_results);
  g_variant_lookup (variant, "patch", "b", &config->patch);
  g_variant_lookup (variant, "etag", "b", &config->etag);
  g_variant_lookup (variant, "bulk", "b", &config->bulk);
  g_variant_lookup (variant, "bulk-max-operations", "u", &config->bulk_max_operations);
  g_variant_lookup (variant, "bulk-max-payload", "t", &config->bulk_max_payload);
  g_variant_lookup (variant, "basic", "b", &config->basic);
  g_variant_lookup (variant, "bearer", "b", &config->bearer);
  if (g_variant_lookup (variant, "users-path", "&s", &users_path) && *users_path != '\0')
    {
      g_free (config->users_path);
      config->users_path = g_strdup (users_path);
    }

  return config;
}
