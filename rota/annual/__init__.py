"""The årsturnus: a grunnturnus rolled out over a dated year, with public holidays, vacation and
vacation cover planned in, and each person's hours held to their yearly working time."""
