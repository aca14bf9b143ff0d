{application,g,
             [{description,"A Graft relup fixture"},
              {vsn,"2"},
              {modules,['g.M']},
              {registered,[]},
              {applications,[kernel,stdlib]}]}.
