/* seats-domain.h
 *
 * Copyright 2026 The Seats developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "seats-types.h"
#include "seats-domain-enums.h"
#include "seats-account.h"
#include "seats-action-entry.h"
#include "seats-billing-details.h"
#include "seats-change.h"
#include "seats-clock.h"
#include "seats-feature.h"
#include "seats-history-point.h"
#include "seats-invoice.h"
#include "seats-license-change.h"
#include "seats-order.h"
#include "seats-pending-license.h"
#include "seats-policy.h"
#include "seats-product.h"
#include "seats-report.h"
#include "seats-snapshot.h"
#include "seats-subscription.h"
#include "seats-local.h"
#include "seats-overview.h"
#include "seats-reminder.h"
#include "seats-terms.h"
#include "seats-user.h"
#include "seats-user-list.h"
