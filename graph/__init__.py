"""regiograph's graph layer: the model, tables, stores and NetworkX metrics."""
