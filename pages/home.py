"""Home: what the lab shows, a guided tour, links to every page, the three cells' equations."""

import streamlit as st

from gates.kinds import KIND_NAMES
from gates_lab import equations
from gates_lab.navigation import PAGES
from gates_lab.ui import Bound, NoSettings, setup

page = setup("home")
Bound(page, NoSettings).commit()  # names a link's unknown parameters, keeps lang/present
st.title(page.t("app.title"))
st.markdown(page.t("home.lead"))

st.header(page.t("home.tour"))
for step in range(1, 6):
    st.markdown(f"{step}. {page.t(f'home.tour.{step}')}")

st.header(page.t("home.pages"))
cols = st.columns(2)
for i, (name, icon) in enumerate(p for p in PAGES if p[0] != "home"):
    with cols[i % 2]:
        try:
            st.page_link(f"pages/{name}.py", label=page.t(f"page.{name}"), icon=icon)
        except st.errors.StreamlitPageNotFoundError:  # run alone, without app.py's navigation
            st.markdown(f"{icon} [{page.t(f'page.{name}')}](/{name})")
        st.caption(page.t(f"home.about.{name}"))

st.header(page.t("home.equations"))
for kind in KIND_NAMES:
    st.subheader(page.t(f"page.{kind}"))
    st.latex(equations.all_equations(kind))
st.info(page.t("home.conventions"), icon="📐")
