"""The benchmark's floor: the dashboard's elements, drawn from precomputed content, nothing else."""

import streamlit as st

from lda_dash.scale.bench_pages import FLOOR

content = FLOOR
with st.sidebar:
    st.caption("Connecté")
    st.button("Se déconnecter")
    for number, (label, options) in enumerate(content.selectors):
        st.selectbox(label, options, key=f"floor_{number}")
if content.demo_banner:
    st.warning(content.demo_banner, icon="🧪")
st.title(content.title)
for caption in content.captions:
    st.caption(caption)
columns = st.columns(len(content.metrics), border=True)
for column, (label, value) in zip(columns, content.metrics, strict=True):
    column.metric(label, value)
st.markdown(content.summary)
st.subheader("Atteinte des actions")
st.plotly_chart(content.figure, theme=None)
st.toggle("Données du graphique")  # the dashboard's switch to the chart's table, left off
st.markdown("**Ouvrir la fiche d'une action :**")
with st.container(horizontal=True, gap="small"):
    for label, address in content.links:
        st.markdown(f"[{label}]({address})")
st.subheader("Indicateurs")
st.table(content.table)
st.caption("⏳ : trimestres dont le chiffre est soumis mais pas encore validé.")
with st.expander("Comment lire ces chiffres"):
    st.markdown(content.guide)
